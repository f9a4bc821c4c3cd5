package dev.arbiter.api.submission;

import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.validation.FileNames;
import dev.arbiter.api.validation.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The submitted file set: names that cannot escape the sandbox's source directory, contents that
 * survive UTF-8 and PostgreSQL unchanged, and a size bound. Duplicate names never reach here:
 * the JSON parser rejects duplicated keys.
 */
final class FileSetValidator {

  private final int maxBytes;
  private final int maxFiles;

  FileSetValidator(int maxBytes, int maxFiles) {
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
  }

  /** The files, sorted by name; throws a 400 or 413 problem. */
  Map<String, String> validate(Map<String, String> files) {
    if (files == null || files.isEmpty()) {
      throw ProblemException.invalid("files must be a non-empty object of file name to content");
    }
    if (files.size() > maxFiles) {
      throw ProblemException.tooLarge("a submission has at most " + maxFiles + " files");
    }
    long bytes = 0;
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      String name = f.getKey();
      String nameProblem = FileNames.problem(name);
      if (nameProblem != null) {
        throw ProblemException.invalid(nameProblem);
      }
      if (f.getValue() == null) {
        throw ProblemException.invalid("file '" + name + "' has no content (null)");
      }
      String textProblem = SafeText.problem(f.getValue());
      if (textProblem != null) {
        throw ProblemException.invalid("file '" + name + "' " + textProblem);
      }
      bytes += name.getBytes(StandardCharsets.UTF_8).length
          + f.getValue().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxBytes) {
        throw ProblemException.tooLarge("the submission is larger than " + maxBytes + " bytes");
      }
      sorted.put(name, f.getValue());
    }
    // "a" and "a/b" cannot both exist on disk: one of them would be silently lost or fail to write.
    String previous = null;
    for (String name : sorted.keySet()) {
      if (previous != null && name.startsWith(previous + "/")) {
        throw ProblemException.invalid("'" + previous + "' is both a file and a directory");
      }
      previous = name;
    }
    return sorted;
  }
}
