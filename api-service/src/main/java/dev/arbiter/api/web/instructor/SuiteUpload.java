package dev.arbiter.api.web.instructor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.suite.PutSuite;
import dev.arbiter.api.validation.FileNames;
import dev.arbiter.api.web.suitezip.SuiteZipParser;
import dev.arbiter.api.web.suitezip.SuiteZipRejected;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.suite.ComparatorSpec;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns what the suite form received (a zip, a JSON file or pasted JSON) into the core's {@link
 * PutSuite}, which {@code SuiteService.put} validates and stores; and a draft into the wire
 * model for a dry run, checked by the same rules a worker relies on.
 */
public final class SuiteUpload {

  private static final ObjectMapper JSON = WireFormat.mapper().copy()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final SuiteZipParser zips;

  public SuiteUpload(SuiteZipParser zips) {
    this.zips = zips;
  }

  /** A zip (by its magic bytes) or UTF-8 JSON. */
  public PutSuite parse(byte[] upload) {
    if (upload.length >= 4 && upload[0] == 'P' && upload[1] == 'K' && upload[2] == 3
        && upload[3] == 4) {
      try {
        return fromSuite(zips.parse(upload));
      } catch (SuiteZipRejected e) {
        throw e.status() == 413 ? ProblemException.tooLarge(e.getMessage())
            : ProblemException.invalid(e.getMessage());
      }
    }
    return parseJson(new String(upload, StandardCharsets.UTF_8));
  }

  public PutSuite parseJson(String text) {
    try {
      PutSuite suite = JSON.readValue(text, PutSuite.class);
      if (suite == null) {
        throw ProblemException.invalid("the suite JSON is empty");
      }
      return suite;
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
      throw ProblemException.invalid("the suite is neither a zip nor valid suite JSON: " + msg);
    }
  }

  static PutSuite fromSuite(TestSuite suite) {
    List<PutSuite.Test> tests = suite.tests().stream()
        .map(t -> new PutSuite.Test(t.name(), t.kind(), t.stdin(), t.expectedStdout(),
            t.comparator(), t.module(), t.function(), t.args(), t.expected(), t.points(),
            t.visibility()))
        .toList();
    return new PutSuite(suite.entrypoint(), tests);
  }

  /**
   * A draft for a dry run: defaults applied and checked like an upload (the draft never becomes
   * a version, so the core's validator, which stores what it checks, is not involved).
   */
  public static TestSuite draft(PutSuite put, int maxTests) {
    String entryProblem = FileNames.problem(put.entrypoint());
    if (entryProblem != null) {
      throw ProblemException.invalid("entrypoint: " + entryProblem);
    }
    if (put.tests() == null || put.tests().isEmpty()) {
      throw ProblemException.invalid("a suite needs at least one test");
    }
    if (put.tests().size() > maxTests) {
      throw ProblemException.tooLarge("a suite has at most " + maxTests + " tests");
    }
    List<TestCase> tests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < put.tests().size(); i++) {
      PutSuite.Test t = put.tests().get(i);
      String where = "tests[" + i + "]";
      if (t == null || t.name() == null || t.name().isBlank()) {
        throw ProblemException.invalid(where + ": a name is required");
      }
      if (!names.add(t.name().strip())) {
        throw ProblemException.invalid(where + ": name '" + t.name() + "' is used twice");
      }
      double points = t.points() == null ? 1 : t.points();
      if (!Double.isFinite(points) || points < 0) {
        throw ProblemException.invalid(where + ": points must be a number ≥ 0");
      }
      Visibility vis = t.visibility() == null ? Visibility.VISIBLE : t.visibility();
      if (t.kind() == TestKind.CALL) {
        if (t.module() == null || t.function() == null || t.args() == null || !t.args().isArray()
            || t.expected() == null) {
          throw ProblemException.invalid(where
              + ": a call test needs module, function, args (array) and expected");
        }
        tests.add(new TestCase(t.name().strip(), TestKind.CALL, null, null, null, t.module(),
            t.function(), t.args(), t.expected(), points, vis));
      } else if (t.kind() == TestKind.IO) {
        if (t.expectedStdout() == null) {
          throw ProblemException.invalid(where + ": an io test needs expectedStdout");
        }
        String comparator;
        try {
          comparator = ComparatorSpec.parse(t.comparator()).toString();
        } catch (IllegalArgumentException e) {
          throw ProblemException.invalid(where + ": " + e.getMessage());
        }
        tests.add(new TestCase(t.name().strip(), TestKind.IO, t.stdin() == null ? "" : t.stdin(),
            t.expectedStdout(), comparator, null, null, null, null, points, vis));
      } else {
        throw ProblemException.invalid(where + ": kind must be io or call");
      }
    }
    return new TestSuite(put.entrypoint(), List.copyOf(tests));
  }
}
