package dev.arbiter.api.queue;

import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.status.SubmissionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A submission reached a final status (fired by the results store, observed after its commit):
 * its slot in the dispatch window is free and its submit-to-graded latency is known.
 *
 * @param submissionId the submission
 * @param purpose submission or regrade
 * @param status GRADED or FAILED_INFRA
 * @param receivedAt when the API accepted it
 * @param finishedAt when the worker finished it
 */
public record JobFinished(UUID submissionId, JobPurpose purpose, SubmissionStatus status,
    Instant receivedAt, Instant finishedAt) {}
