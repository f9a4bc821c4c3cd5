package dev.arbiter.api.submission;

/**
 * A concurrent retry with the same {@code Idempotency-Key} committed first; the caller re-reads
 * the winner in a new transaction (this one is rolled back).
 */
public class DuplicateSubmission extends RuntimeException {

  DuplicateSubmission() {
    super("duplicate Idempotency-Key", null, false, false);
  }
}
