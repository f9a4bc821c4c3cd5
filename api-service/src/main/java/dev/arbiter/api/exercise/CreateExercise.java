package dev.arbiter.api.exercise;

/**
 * Body of {@code POST /api/v1/courses/{courseId}/exercises}.
 *
 * @param slug {@code ^[a-z0-9-]{1,60}$}, unique in the course
 * @param title shown to students
 * @param description optional text (Markdown) shown on the exercise page
 * @param language a configured runtime, e.g. {@code python3}
 * @param limits optional; defaults and caps apply
 */
public record CreateExercise(
    String slug, String title, String description, String language, LimitsRequest limits) {}
