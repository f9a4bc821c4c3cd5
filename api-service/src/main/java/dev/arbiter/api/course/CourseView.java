package dev.arbiter.api.course;

import java.time.Instant;

/**
 * A course as the API shows it.
 *
 * @param role the caller's role in it (INSTRUCTOR for administrators)
 */
public record CourseView(String id, String title, Instant createdAt, CourseRole role) {

  static CourseView from(Course c, CourseRole role) {
    return new CourseView(c.id.toString(), c.title, c.createdAt, role);
  }
}
