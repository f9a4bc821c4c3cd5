package dev.arbiter.worker.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.Visibility;
import dev.arbiter.worker.launch.Termination;
import dev.arbiter.worker.launch.TestExecution;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JudgeTest {

  private static final TestCase IO = new TestCase("adds", TestKind.IO, "2 3\n", "5\n", "exact",
      null, null, null, null, 2, Visibility.VISIBLE);

  private static TestCase call(String expectedJson) throws Exception {
    JsonNode expected = WireFormat.mapper().readTree(expectedJson);
    return new TestCase("call", TestKind.CALL, null, null, null, "main", "f",
        WireFormat.mapper().readTree("[]"), expected, 1, Visibility.HIDDEN);
  }

  private static TestExecution exited(int code, String stdout, String callJson) {
    return new TestExecution(0, Termination.EXITED, code, 0, stdout.getBytes(StandardCharsets.UTF_8),
        new byte[0], callJson, callJson == null ? "no result" : null, 12, null);
  }

  private static TestExecution ended(Termination t) {
    return new TestExecution(0, t, -1, 9, new byte[0], new byte[0], null, null, 5, "why");
  }

  @Test
  void rightOutputPassesWithFullPoints() {
    TestOutcome o = Judge.judge(IO, exited(0, "5\n", null), 1024);

    assertEquals(TestStatus.PASSED, o.status());
    assertEquals(2, o.score());
    assertEquals(2, o.maxScore());
  }

  @Test
  void wrongOutputFailsWithZero() {
    TestOutcome o = Judge.judge(IO, exited(0, "6\n", null), 1024);

    assertEquals(TestStatus.FAILED, o.status());
    assertEquals(0, o.score());
  }

  @Test
  void rightOutputThenNonZeroExitIsARuntimeError() {
    assertEquals(TestStatus.RUNTIME_ERROR, Judge.judge(IO, exited(3, "5\n", null), 1024).status());
    assertEquals(TestStatus.FAILED, Judge.judge(IO, exited(3, "4\n", null), 1024).status());
  }

  @Test
  void limitsMapToTheContractStatuses() {
    assertEquals(TestStatus.TIME_LIMIT, Judge.judge(IO, ended(Termination.TIME_LIMIT), 1).status());
    assertEquals(TestStatus.MEMORY_LIMIT, Judge.judge(IO, ended(Termination.MEMORY_LIMIT), 1).status());
    assertEquals(TestStatus.OUTPUT_LIMIT, Judge.judge(IO, ended(Termination.OUTPUT_LIMIT), 1).status());
    assertEquals(TestStatus.RUNTIME_ERROR, Judge.judge(IO, ended(Termination.SIGNALED), 1).status());
    assertEquals(TestStatus.RUNTIME_ERROR, Judge.judge(IO, ended(Termination.RUNNER_LOST), 1).status());
  }

  @Test
  void onlyAPlatformFailureIsASandboxError() {
    TestOutcome o = Judge.judge(IO, ended(Termination.PLATFORM_FAILED), 1);

    assertEquals(TestStatus.SANDBOX_ERROR, o.status());
    assertEquals(0, o.score());
  }

  @Test
  void callResultsCompareAsJsonValues() throws Exception {
    assertEquals(TestStatus.PASSED, Judge.judge(call("5"), exited(0, "", "5.0"), 64).status());
    assertEquals(TestStatus.PASSED,
        Judge.judge(call("{\"a\":[1,2]}"), exited(0, "", "{\"a\": [1, 2.0]}"), 64).status());
    assertEquals(TestStatus.FAILED, Judge.judge(call("[1,2]"), exited(0, "", "[2, 1]"), 64).status());
    assertEquals(TestStatus.FAILED, Judge.judge(call("\"5\""), exited(0, "", "5"), 64).status());
  }

  @Test
  void aMissingOrForgedCallResultIsARuntimeErrorOrFailure() throws Exception {
    assertEquals(TestStatus.RUNTIME_ERROR, Judge.judge(call("5"), exited(1, "", null), 64).status());
    // Text that is not exactly one JSON value never passes.
    assertEquals(TestStatus.FAILED, Judge.judge(call("5"), exited(0, "", "5 5"), 64).status());
    assertEquals(TestStatus.FAILED,
        Judge.judge(call("5"), exited(0, "", "{\"status\":\"PASSED\"}"), 64).status());
  }

  @Test
  void printingAFakeVerdictIsJustWrongOutput() {
    TestOutcome o = Judge.judge(IO, exited(0, "PASSED\n{\"score\": 2}\n", null), 1024);

    assertEquals(TestStatus.FAILED, o.status());
  }

  @Test
  void invalidUtf8IsReplacedAndOutputNeverExceedsTheCap() {
    byte[] raw = {'o', 'k', (byte) 0xff, (byte) 0xfe, '\n'};
    TestExecution run = new TestExecution(0, Termination.EXITED, 0, 0, raw, new byte[0], null,
        null, 1, null);

    // 5 bytes: "ok" and one replacement character (3 bytes of UTF-8); the second one would not fit.
    TestOutcome o = Judge.judge(IO, run, 5);

    assertEquals("ok\uFFFD", o.output());
    assertFalse(o.output().contains("\n"));
  }
}
