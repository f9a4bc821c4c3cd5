package dev.arbiter.api.result;

import java.util.UUID;

/**
 * A submission's grade was stored. Fired synchronously inside the storing transaction, so an
 * observer's writes (the LTI passback outbox) commit or roll back together with the grade.
 *
 * @param submissionId the graded submission
 * @param userId its author
 * @param exerciseId its exercise
 */
public record SubmissionGraded(UUID submissionId, UUID userId, UUID exerciseId) {}
