package dev.arbiter.api.course;

/** Body of {@code PUT /api/v1/courses/{courseId}/members/{userId}}. */
public record PutMember(CourseRole role) {}
