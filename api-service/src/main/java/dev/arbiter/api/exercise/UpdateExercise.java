package dev.arbiter.api.exercise;

/**
 * Body of {@code PATCH /api/v1/exercises/{exerciseId}}: only the fields present change. Limits
 * change field by field, too; a change applies to submissions made afterwards (queued jobs keep
 * the limits they were sent with).
 */
public record UpdateExercise(String title, String description, LimitsRequest limits) {}
