package dev.arbiter.common.status;

/** Lifecycle of a submission, exactly the contract's words. */
public enum SubmissionStatus {
  /** Durably accepted, waiting for a worker. */
  QUEUED,
  /** A worker has started grading it. */
  RUNNING,
  /** Every test has a student verdict. */
  GRADED,
  /** The platform could not grade it after its retries; staff see why. */
  FAILED_INFRA;

  public boolean isFinal() {
    return this == GRADED || this == FAILED_INFRA;
  }
}
