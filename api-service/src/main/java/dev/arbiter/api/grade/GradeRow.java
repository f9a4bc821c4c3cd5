package dev.arbiter.api.grade;

import dev.arbiter.common.status.SubmissionStatus;
import java.time.Instant;

/**
 * One student's standing on one exercise.
 *
 * @param submissions how many they made
 * @param bestSubmissionId their highest-scoring graded submission (earliest on a tie)
 * @param bestScore its score; null when nothing is graded yet
 * @param maxScore what the suite version of their best (else latest) submission was worth
 * @param latestSubmissionId their most recent submission
 */
public record GradeRow(
    String userId, String name, String email, int submissions, String bestSubmissionId,
    Double bestScore, Double maxScore, Instant bestGradedAt, String latestSubmissionId,
    SubmissionStatus latestStatus, Double latestScore, Instant latestReceivedAt) {}
