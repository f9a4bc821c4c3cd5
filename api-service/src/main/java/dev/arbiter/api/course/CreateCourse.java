package dev.arbiter.api.course;

/** Body of {@code POST /api/v1/courses}. */
public record CreateCourse(String title) {}
