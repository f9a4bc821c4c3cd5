package dev.arbiter.api.submission;

import dev.arbiter.common.status.SubmissionStatus;

/** Answer to a submission POST: the submission is durable. */
public record Submitted(String id, SubmissionStatus status) {

  static Submitted from(Submission s) {
    return new Submitted(s.id.toString(), s.status);
  }
}
