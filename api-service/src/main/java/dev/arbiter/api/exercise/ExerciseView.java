package dev.arbiter.api.exercise;

import dev.arbiter.common.status.RunLimits;
import java.time.Instant;

/**
 * An exercise as course members see it.
 *
 * @param limits effective (capped) limits
 * @param suiteVersion the current suite version; null until a suite is uploaded
 */
public record ExerciseView(
    String id, String courseId, String slug, String title, String description, String language,
    RunLimits limits, Integer suiteVersion, Instant createdAt) {

  static ExerciseView from(Exercise e, RunLimits effective) {
    return new ExerciseView(e.id.toString(), e.courseId.toString(), e.slug, e.title,
        e.description, e.language, effective, e.currentSuiteVersion, e.createdAt);
  }
}
