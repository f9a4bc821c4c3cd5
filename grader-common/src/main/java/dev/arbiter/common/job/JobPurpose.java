package dev.arbiter.common.job;

/** Why a grading job exists; workers may schedule the purposes differently. */
public enum JobPurpose {
  /** A student's (or staff member's) submission. */
  SUBMISSION,
  /** Re-running a stored submission on a new suite version. */
  REGRADE,
  /** An instructor's reference solution against a draft suite; never stored as a grade. */
  DRY_RUN
}
