package dev.arbiter.api.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.validation.FileNames;
import dev.arbiter.api.validation.SafeText;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.suite.ComparatorSpec;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an uploaded suite against the contract and turns it into the wire model. The rules are
 * the ones the worker relies on, so a suite that passes here cannot make a job fail for the
 * platform's reasons later.
 */
final class SuiteValidator {

  static final int MAX_NAME_LENGTH = 200;
  /** Very large point values only serve to overflow someone's spreadsheet. */
  static final double MAX_POINTS = 1_000_000;
  // A dotted Python module path and a plain identifier: what the call runner imports and calls.
  private static final Pattern MODULE = Pattern.compile(
      "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$");
  private static final Pattern FUNCTION = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

  private final int maxBytes;
  private final int maxTests;

  SuiteValidator(int maxBytes, int maxTests) {
    this.maxBytes = maxBytes;
    this.maxTests = maxTests;
  }

  /** The validated suite and its stored JSON. */
  record Valid(TestSuite suite, String json) {}

  Valid validate(PutSuite request) {
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    String entry = request.entrypoint();
    String entryProblem = FileNames.problem(entry);
    if (entryProblem != null) {
      throw ProblemException.invalid("entrypoint: " + entryProblem);
    }
    if (request.tests() == null || request.tests().isEmpty()) {
      throw ProblemException.invalid("a suite needs at least one test");
    }
    if (request.tests().size() > maxTests) {
      throw ProblemException.tooLarge("a suite has at most " + maxTests + " tests");
    }
    List<TestCase> tests = new ArrayList<>(request.tests().size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < request.tests().size(); i++) {
      PutSuite.Test t = request.tests().get(i);
      if (t == null) {
        throw ProblemException.invalid("tests[" + i + "] is null");
      }
      TestCase c = test(i, t);
      if (!names.add(c.name())) {
        throw ProblemException.invalid("tests[" + i + "]: name '" + c.name()
            + "' is used twice; test names are unique");
      }
      tests.add(c);
    }
    TestSuite suite = new TestSuite(entry, List.copyOf(tests));
    String json;
    try {
      json = WireFormat.mapper().writeValueAsString(suite);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a validated suite always serialises", e);
    }
    if (json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw ProblemException.tooLarge("the suite is larger than " + maxBytes + " bytes");
    }
    return new Valid(suite, json);
  }

  private TestCase test(int i, PutSuite.Test t) {
    String at = "tests[" + i + "]";
    String name = t.name() == null ? "" : t.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw ProblemException.invalid(at + ": name is required (1 to " + MAX_NAME_LENGTH
          + " characters)");
    }
    if (t.kind() == null) {
      throw ProblemException.invalid(at + ": kind is required (io or call)");
    }
    double points = t.points() == null ? 1.0 : t.points();
    if (!Double.isFinite(points) || points < 0 || points > MAX_POINTS) {
      throw ProblemException.invalid(at + ": points must be a finite number from 0 to "
          + (long) MAX_POINTS);
    }
    String comparator = null;
    if (t.comparator() != null) {
      try {
        comparator = ComparatorSpec.parse(t.comparator()).toString();
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid(at + ": " + e.getMessage());
      }
    }
    Visibility visibility = t.visibility() == null ? Visibility.VISIBLE : t.visibility();
    TestCase c;
    if (t.kind() == TestKind.IO) {
      if (t.expectedStdout() == null) {
        throw ProblemException.invalid(at + ": an io test needs expectedStdout");
      }
      c = new TestCase(name, TestKind.IO, t.stdin() == null ? "" : t.stdin(), t.expectedStdout(),
          comparator == null ? "exact" : comparator, null, null, null, null, points, visibility);
    } else {
      if (t.module() == null || !MODULE.matcher(t.module()).matches()) {
        throw ProblemException.invalid(at + ": a call test needs module, a Python module path");
      }
      if (t.function() == null || !FUNCTION.matcher(t.function()).matches()) {
        throw ProblemException.invalid(at + ": a call test needs function, a Python identifier");
      }
      if (t.args() == null || !t.args().isArray()) {
        throw ProblemException.invalid(at + ": a call test needs args, a JSON array");
      }
      if (t.expected() == null) {
        throw ProblemException.invalid(at + ": a call test needs expected (JSON; null allowed)");
      }
      c = new TestCase(name, TestKind.CALL, null, null, comparator, t.module(), t.function(),
          t.args(), t.expected(), points, visibility);
    }
    String text = firstProblem(c);
    if (text != null) {
      throw ProblemException.invalid(at + ": a text field " + text);
    }
    return c;
  }

  private static String firstProblem(TestCase c) {
    for (String s : new String[] {c.name(), c.stdin(), c.expectedStdout()}) {
      String p = SafeText.problem(s);
      if (p != null) {
        return p;
      }
    }
    String p = SafeText.problem(c.args());
    return p != null ? p : SafeText.problem(c.expected());
  }
}
