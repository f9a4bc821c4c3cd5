package dev.arbiter.api.submission;

import dev.arbiter.common.status.SubmissionStatus;
import java.time.Instant;

/** One line of a submission list. */
public record SubmissionSummary(
    String id, String exerciseId, String userId, int suiteVersion, SubmissionStatus status,
    Double score, double maxScore, Instant receivedAt, Instant gradedAt) {

  static SubmissionSummary from(Submission s) {
    return new SubmissionSummary(s.id.toString(), s.exerciseId.toString(), s.userId.toString(),
        s.suiteVersion, s.status, s.score, s.maxScore, s.receivedAt, s.gradedAt);
  }
}
