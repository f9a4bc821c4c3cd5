package dev.arbiter.common.job;

import java.time.Instant;

/**
 * A worker began running a job; the submission shows {@code RUNNING}. Informational: losing it
 * changes no grade.
 *
 * @param eventId unique per event
 * @param schemaVersion producer's schema version
 * @param jobEventId the {@link GradingJobRequested#eventId()} being run
 * @param submissionId the submission
 * @param workerId which worker instance
 * @param startedAt when the run began
 */
public record GradingJobStarted(
    String eventId,
    int schemaVersion,
    String jobEventId,
    String submissionId,
    String workerId,
    Instant startedAt)
    implements GradingResultEvent {}
