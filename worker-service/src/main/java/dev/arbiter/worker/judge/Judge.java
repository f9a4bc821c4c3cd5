package dev.arbiter.worker.judge;

import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.ComparatorSpec;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.worker.launch.RunReport;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.launch.TestExecution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a sandbox produced into the contract's verdicts. Runs in the worker, outside the
 * sandbox: the expected values it compares with never enter a sandbox, and nothing the student
 * printed is read as anything but output. Pure.
 */
public final class Judge {

  private Judge() {}

  /** One verdict per suite test, in suite order. */
  public static List<TestOutcome> judge(TestSuite suite, RunReport report, long outputCapBytes) {
    List<TestOutcome> outcomes = new ArrayList<>(suite.tests().size());
    for (int i = 0; i < suite.tests().size(); i++) {
      outcomes.add(judge(suite.tests().get(i), report.tests().get(i), outputCapBytes));
    }
    return outcomes;
  }

  /** True when any test failed because of the platform: the run must be retried, not graded. */
  public static boolean hasPlatformFault(List<TestOutcome> outcomes) {
    return outcomes.stream().anyMatch(o -> o.status().isPlatformFault());
  }

  public static TestOutcome judge(TestCase test, TestExecution run, long outputCapBytes) {
    TestStatus status = status(test, run);
    String message = run.detail();
    if (status == TestStatus.FAILED && message == null) {
      message = test.kind() == TestKind.CALL ? "wrong return value" : "wrong output";
    }
    // A call test killed by a signal has no result; "killed by signal 11" says more than "no result".
    if (status == TestStatus.RUNTIME_ERROR && run.callError() != null
        && run.termination() == Termination.EXITED) {
      message = truncate(run.callError(), 1000);
    }
    double max = test.points();
    return new TestOutcome(
        test.name(),
        status,
        status == TestStatus.PASSED ? max : 0,
        max,
        run.wallMs(),
        text(run.stdout(), outputCapBytes),
        text(run.stderr(), outputCapBytes),
        run.callResultJson() == null ? null : truncate(run.callResultJson(), (int) outputCapBytes),
        message);
  }

  static TestStatus status(TestCase test, TestExecution run) {
    switch (run.termination()) {
      case PLATFORM_FAILED:
        return TestStatus.SANDBOX_ERROR;
      case TIME_LIMIT:
        return TestStatus.TIME_LIMIT;
      case MEMORY_LIMIT:
        return TestStatus.MEMORY_LIMIT;
      case OUTPUT_LIMIT:
        return TestStatus.OUTPUT_LIMIT;
      case RUNNER_LOST:
      case SIGNALED:
        return TestStatus.RUNTIME_ERROR;
      case EXITED:
      default:
        break;
    }
    if (test.kind() == TestKind.CALL) {
      if (run.callResultJson() == null) {
        return TestStatus.RUNTIME_ERROR;
      }
      return JsonResultComparator.matches(test.expected(), run.callResultJson())
          ? TestStatus.PASSED
          : TestStatus.FAILED;
    }
    String actual = new String(run.stdout(), StandardCharsets.UTF_8);
    boolean right = OutputComparator.matches(
        ComparatorSpec.parse(test.comparator()), test.expectedStdout() == null ? "" : test.expectedStdout(),
        actual);
    if (run.exitCode() != 0) {
      // An io program that fails after printing the right answer still ended early.
      return right ? TestStatus.RUNTIME_ERROR : TestStatus.FAILED;
    }
    return right ? TestStatus.PASSED : TestStatus.FAILED;
  }

  /** UTF-8 with invalid bytes replaced, never longer than the cap in bytes. */
  static String text(byte[] bytes, long capBytes) {
    int n = (int) Math.min(bytes.length, capBytes);
    String decoded = new String(bytes, 0, n, StandardCharsets.UTF_8);
    byte[] utf8 = decoded.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= capBytes) {
      return decoded;
    }
    // Each invalid byte became U+FFFD, three bytes of UTF-8: a flood of 0xFF would otherwise triple
    // what is stored and published. Cut again, on a character boundary.
    int end = (int) capBytes;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
