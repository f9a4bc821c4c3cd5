package dev.arbiter.api.testing;

import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobStarted;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Result events as a worker would publish them, for {@link ApiClient#SUM_SUITE}. */
public final class Results {

  private Results() {}

  public static GradingJobStarted started(String submissionId) {
    return new GradingJobStarted(UUID.randomUUID().toString(), 1, "job-" + submissionId,
        submissionId, "test-worker", Instant.now());
  }

  /** Visible test passed, hidden test failed: 1 of 2 points. */
  public static GradingJobCompleted halfRight(String submissionId) {
    return completed(submissionId, List.of(
        new TestOutcome("adds small numbers", TestStatus.PASSED, 1, 1, 31, "5\n", "", null, null),
        new TestOutcome("adds negatives", TestStatus.FAILED, 0, 1, 12, "secret output",
            "secret stderr", "-1", "wrong answer")));
  }

  public static GradingJobCompleted allRight(String submissionId) {
    return completed(submissionId, List.of(
        new TestOutcome("adds small numbers", TestStatus.PASSED, 1, 1, 20, "5\n", "", null, null),
        new TestOutcome("adds negatives", TestStatus.PASSED, 1, 1, 20, "", "", "-5", null)));
  }

  public static GradingJobCompleted completed(String submissionId, List<TestOutcome> tests) {
    return new GradingJobCompleted(UUID.randomUUID().toString(), 1, "job-" + submissionId,
        submissionId, 1, SubmissionStatus.GRADED, tests, null, "test-worker", 1,
        Instant.now().minusMillis(50), Instant.now());
  }

  public static GradingJobCompleted failedInfra(String submissionId, String reason) {
    return new GradingJobCompleted(UUID.randomUUID().toString(), 1, "job-" + submissionId,
        submissionId, 1, SubmissionStatus.FAILED_INFRA, List.of(), reason, "test-worker", 3,
        Instant.now().minusMillis(50), Instant.now());
  }
}
