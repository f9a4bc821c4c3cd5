package dev.arbiter.api.course;

import dev.arbiter.api.user.User;
import java.time.Instant;

/** A course member as staff see them. */
public record MemberView(
    String courseId, String userId, String name, String email, CourseRole role, Instant since) {

  static MemberView from(CourseMember m, User u) {
    return new MemberView(m.id.courseId().toString(), m.id.userId().toString(),
        u == null ? null : u.name, u == null ? null : u.email, m.role, m.createdAt);
  }
}
