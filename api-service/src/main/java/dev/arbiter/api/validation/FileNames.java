package dev.arbiter.api.validation;

import java.util.regex.Pattern;

/**
 * Which file names may travel into a sandbox. The worker writes submitted files under its source
 * directory by these names, so a name must never escape it: relative only, no {@code ..} or
 * {@code .} segments (path traversal), no NUL (C-string truncation), a small character set (no
 * shell or terminal control characters in logs and paths).
 */
public final class FileNames {

  public static final int MAX_LENGTH = 255;
  public static final int MAX_DEPTH = 8;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

  private FileNames() {}

  /** Null when the name is safe, else why not (fit for a problem detail). */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "a file name is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "file name longer than " + MAX_LENGTH + " characters";
    }
    if (name.indexOf('\0') >= 0) {
      return "file name contains NUL";
    }
    if (name.startsWith("/") || name.startsWith("\\")) {
      return "file name '" + printable(name) + "' is absolute";
    }
    String[] segments = name.split("/", -1);
    if (segments.length > MAX_DEPTH) {
      return "file name '" + printable(name) + "' is nested deeper than " + MAX_DEPTH;
    }
    for (String segment : segments) {
      if (segment.equals("..") || segment.equals(".")) {
        return "file name '" + printable(name) + "' contains a '" + segment + "' segment";
      }
      if (!SEGMENT.matcher(segment).matches()) {
        return "file name '" + printable(name)
            + "' must be '/'-separated segments of letters, digits, '_', '.', '-'";
      }
    }
    return null;
  }

  /** The name with control characters replaced, so a problem detail cannot carry them. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
    s.codePoints().limit(80).forEach(cp -> b.appendCodePoint(
        Character.isISOControl(cp) || !Character.isDefined(cp) ? '?' : cp));
    return b.toString();
  }
}
