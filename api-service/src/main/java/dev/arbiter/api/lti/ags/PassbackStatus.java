package dev.arbiter.api.lti.ags;

/** Where a student's score stands with the LMS gradebook, as staff see it. */
public enum PassbackStatus {
  /** A score waits to be sent (first try, or retrying after the LMS failed). */
  PENDING,
  /** The LMS accepted the current score. */
  SENT,
  /** The LMS refused it, or kept failing; the reason is kept. Reconciliation tries again later. */
  FAILED
}
