package dev.arbiter.api.web.view;

import dev.arbiter.api.web.diff.LineDiff;
import java.util.List;

/**
 * One test of a submission as a page shows it. For a hidden test shown to a student, every
 * content field is null: the template has nothing to leak, whatever it renders.
 *
 * @param name the suite's test name
 * @param status the verdict, or null while not graded
 * @param score points earned
 * @param maxScore the test's points
 * @param timeMs wall time, or null
 * @param hidden hidden from students
 * @param redacted true when the viewer may not see input, expected or output
 * @param input io: stdin; call: "function(args)"; null when redacted
 * @param expected expected stdout or JSON value; null when redacted
 * @param actual stdout or returned JSON; null when redacted
 * @param stderr captured stderr; null when redacted
 * @param message short reason from the judge; null when redacted
 * @param diff line diff of expected against actual, empty when not useful
 * @param call a call test: input is the arguments, expected and actual are JSON values
 * @param printed call tests: what the function printed (not part of the verdict); else null
 */
public record TestResultView(
    String name,
    String status,
    double score,
    double maxScore,
    Long timeMs,
    boolean hidden,
    boolean redacted,
    String input,
    String expected,
    String actual,
    String stderr,
    String message,
    List<LineDiff.Line> diff,
    boolean call,
    String printed) {

  public boolean passed() {
    return "PASSED".equals(status);
  }

  public boolean hasDiff() {
    return diff != null && LineDiff.differs(diff);
  }

  public String statusLabel() {
    return status == null ? "not run" : status.replace('_', ' ').toLowerCase();
  }
}
