package dev.arbiter.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.api.web.diff.LineDiff;
import dev.arbiter.api.web.view.TestResultView;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the per-test rows of a submission page from the suite version and the stored verdicts.
 *
 * <p>This is where hidden tests are redacted for students: a redacted row is built without its
 * input, expected value, output, stderr and message, so no template can show them by mistake.
 * The judge's message is withheld too: for a hidden test it could quote the output.
 */
public final class TestResultViews {

  private TestResultViews() {}

  /**
   * @param suite the suite version the submission ran
   * @param outcomes verdicts in suite order; empty while not graded
   * @param seesHidden staff (and instructors' dry runs) see hidden tests in full
   */
  public static List<TestResultView> of(TestSuite suite, List<TestOutcome> outcomes, boolean seesHidden) {
    List<TestResultView> rows = new ArrayList<>(suite.tests().size());
    for (int i = 0; i < suite.tests().size(); i++) {
      TestCase test = suite.tests().get(i);
      TestOutcome out = outcome(outcomes, i, test.name());
      boolean redacted = test.hidden() && !seesHidden;
      String status = out == null ? null : out.status().name();
      double score = out == null ? 0 : out.score();
      Long time = out == null ? null : out.timeMs();
      if (redacted) {
        rows.add(new TestResultView(test.name(), status, score, test.points(), time, true, true,
            null, null, null, null, null, List.of(), test.kind() == TestKind.CALL, null));
        continue;
      }
      String input;
      String expected;
      String actual;
      List<LineDiff.Line> diff = List.of();
      if (test.kind() == TestKind.CALL) {
        input = args(test.args());
        expected = test.expected() == null ? "" : test.expected().toString();
        actual = out == null ? null : out.actual();
      } else {
        input = test.stdin() == null ? "" : test.stdin();
        expected = test.expectedStdout() == null ? "" : test.expectedStdout();
        actual = out == null ? null : out.output();
        if (out != null && !"PASSED".equals(status)) {
          diff = LineDiff.of(expected, actual);
        }
      }
      rows.add(new TestResultView(test.name(), status, score, test.points(), time, test.hidden(),
          false, input, expected, actual, out == null ? null : blankToNull(out.stderr()),
          out == null ? null : blankToNull(out.message()), diff, test.kind() == TestKind.CALL,
          test.kind() == TestKind.CALL && out != null ? blankToNull(out.output()) : null));
    }
    return rows;
  }

  private static TestOutcome outcome(List<TestOutcome> outcomes, int index, String name) {
    if (outcomes == null || outcomes.isEmpty()) {
      return null;
    }
    if (index < outcomes.size() && name.equals(outcomes.get(index).name())) {
      return outcomes.get(index);
    }
    return outcomes.stream().filter(o -> name.equals(o.name())).findFirst().orElse(null);
  }

  private static String args(JsonNode args) {
    if (args == null || !args.isArray()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    args.forEach(a -> parts.add(a.toString()));
    return String.join(", ", parts);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
