package dev.arbiter.api.replay;

import java.time.Instant;

/**
 * A submission the platform could not grade, as an administrator sees it.
 *
 * @param id the submission
 * @param exerciseId its exercise
 * @param courseId its course
 * @param userId its author
 * @param receivedAt when it was accepted
 * @param failedAt when the worker gave up
 * @param attempts sandbox attempts the worker made
 * @param infraReason why the platform failed (staff only)
 */
public record FailedSubmission(String id, String exerciseId, String courseId, String userId,
    Instant receivedAt, Instant failedAt, int attempts, String infraReason) {}
