package dev.arbiter.common.status;

/**
 * The verdict of one test, exactly the contract's words.
 *
 * <p>{@link #SANDBOX_ERROR} is the only platform fault; every other value is the student's own
 * result. A platform fault is never charged to the student: it is retried, and if it persists the
 * submission becomes {@link SubmissionStatus#FAILED_INFRA}.
 */
public enum TestStatus {
  PASSED,
  /** Wrong answer. */
  FAILED,
  TIME_LIMIT,
  MEMORY_LIMIT,
  OUTPUT_LIMIT,
  /** Non-zero exit, signal, uncaught exception, or anything done to the in-sandbox runner. */
  RUNTIME_ERROR,
  /** The platform failed; never the student's doing. */
  SANDBOX_ERROR;

  /** True when this status is the platform's fault rather than the student's. */
  public boolean isPlatformFault() {
    return this == SANDBOX_ERROR;
  }
}
