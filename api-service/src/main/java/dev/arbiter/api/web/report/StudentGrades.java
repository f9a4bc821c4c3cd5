package dev.arbiter.api.web.report;

import java.time.Instant;
import java.util.Map;

/**
 * One student's grades, for a report: of one exercise (best, latest, attempts) or of a course
 * ({@code perExercise} best scores and their {@code best} total).
 *
 * @param userId student id
 * @param name student name
 * @param email student email
 * @param best best score (course: sum of best scores), null without a graded submission
 * @param latest latest graded score, null without one
 * @param attempts submissions made
 * @param lastSubmittedAt time of the latest submission, null without any
 * @param latestSubmissionId the latest submission, null without any
 * @param passback LMS passback state, or null without LTI
 * @param perExercise course reports: exercise id → best score (absent: none)
 */
public record StudentGrades(
    String userId,
    String name,
    String email,
    Double best,
    Double latest,
    int attempts,
    Instant lastSubmittedAt,
    String latestSubmissionId,
    String passback,
    Map<String, Double> perExercise) {

  public boolean submitted() {
    return attempts > 0;
  }
}
