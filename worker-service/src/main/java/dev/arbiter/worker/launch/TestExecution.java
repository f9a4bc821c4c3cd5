package dev.arbiter.worker.launch;

/**
 * The raw observation of one test's run, before judging.
 *
 * @param index test index in the spec
 * @param termination how it ended
 * @param exitCode exit status when {@link Termination#EXITED}, else -1
 * @param signal terminating signal number, else 0
 * @param stdout captured stdout, at most {@link SandboxLimits#outputBytes()} bytes
 * @param stderr captured stderr, at most {@link SandboxLimits#outputBytes()} bytes
 * @param callResultJson call tests: the runner's JSON encoding of the return value, else null
 * @param callError call tests: why no result (exception type and message, non-JSON value), else null
 * @param wallMs wall time of the test's process
 * @param detail short reason for logs and staff, never expected values
 */
public record TestExecution(
    int index,
    Termination termination,
    int exitCode,
    int signal,
    byte[] stdout,
    byte[] stderr,
    String callResultJson,
    String callError,
    long wallMs,
    String detail) {

  /** The same observation under another index (a run order differing from the suite's). */
  public TestExecution withIndex(int newIndex) {
    return new TestExecution(newIndex, termination, exitCode, signal, stdout, stderr,
        callResultJson, callError, wallMs, detail);
  }
}
