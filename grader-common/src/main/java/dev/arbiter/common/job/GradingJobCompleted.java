package dev.arbiter.common.job;

import dev.arbiter.common.status.SubmissionStatus;
import java.time.Instant;
import java.util.List;

/**
 * A worker finished a job. {@code outcome} is {@link SubmissionStatus#GRADED} with one {@link
 * TestOutcome} per suite test, in suite order, or {@link SubmissionStatus#FAILED_INFRA} with a
 * staff-visible {@code infraReason} after the platform's retries ran out. api-service stores the
 * first completion of a job and ignores any redelivery.
 *
 * @param eventId unique per event
 * @param schemaVersion producer's schema version
 * @param jobEventId the {@link GradingJobRequested#eventId()} this answers
 * @param submissionId the submission
 * @param suiteVersion the suite version that was run
 * @param outcome GRADED or FAILED_INFRA
 * @param tests verdicts in suite order (empty for FAILED_INFRA)
 * @param infraReason why the platform failed, for staff; null when graded
 * @param workerId which worker instance
 * @param attempts how many sandbox attempts the worker made
 * @param startedAt when the worker took the job
 * @param finishedAt when judging ended
 */
public record GradingJobCompleted(
    String eventId,
    int schemaVersion,
    String jobEventId,
    String submissionId,
    int suiteVersion,
    SubmissionStatus outcome,
    List<TestOutcome> tests,
    String infraReason,
    String workerId,
    int attempts,
    Instant startedAt,
    Instant finishedAt)
    implements GradingResultEvent {

  public double score() {
    return tests.stream().mapToDouble(TestOutcome::score).sum();
  }

  public double maxScore() {
    return tests.stream().mapToDouble(TestOutcome::maxScore).sum();
  }
}
