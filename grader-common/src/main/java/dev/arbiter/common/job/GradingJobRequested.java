package dev.arbiter.common.job;

import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.suite.TestSuite;
import java.time.Instant;
import java.util.Map;

/**
 * A submission was accepted and must be graded. Published by api-service's outbox relay to
 * {@value Channels#JOBS_TOPIC} with the submission id as key. It carries everything a worker needs,
 * so workers hold no database credentials; expected values in {@code suite} stay in the worker's
 * judge and never enter a sandbox.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param schemaVersion {@link #SCHEMA_VERSION} of the producer
 * @param submissionId the graded submission
 * @param exerciseId its exercise
 * @param courseId its course
 * @param suiteVersion the immutable suite version this job runs
 * @param language runtime name, e.g. {@code python3}
 * @param purpose submission, regrade or dry run
 * @param limits effective (capped) limits
 * @param files file name → UTF-8 content, already validated by the API
 * @param suite the suite version, expected values included
 * @param requestedAt when the submission was accepted
 */
public record GradingJobRequested(
    String eventId,
    int schemaVersion,
    String submissionId,
    String exerciseId,
    String courseId,
    int suiteVersion,
    String language,
    JobPurpose purpose,
    RunLimits limits,
    Map<String, String> files,
    TestSuite suite,
    Instant requestedAt) {

  public static final int SCHEMA_VERSION = 1;
}
