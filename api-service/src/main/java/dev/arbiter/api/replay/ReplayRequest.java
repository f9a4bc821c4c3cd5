package dev.arbiter.api.replay;

import java.util.List;
import java.util.UUID;

/**
 * Which FAILED_INFRA submissions to grade again; every field narrows the choice, none means all.
 *
 * @param submissionIds only these (those not FAILED_INFRA are left alone)
 * @param courseId only this course's
 * @param exerciseId only this exercise's
 * @param limit at most this many, oldest first (default and cap: {@link ReplayService#MAX_BATCH})
 */
public record ReplayRequest(List<UUID> submissionIds, UUID courseId, UUID exerciseId,
    Integer limit) {}
