package dev.arbiter.api.course;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The course-role rules of the contract in one place. Anything course-scoped is invisible (404) to
 * non-members, so ids cannot be probed; members lacking the role get 403.
 */
@ApplicationScoped
public class CourseAccess {

  private final CourseMemberRepository members;

  CourseAccess(CourseMemberRepository members) {
    this.members = members;
  }

  /** The caller's effective role: administrators count as instructors everywhere. */
  public Optional<CourseRole> roleOf(Caller caller, UUID courseId) {
    if (caller.admin()) {
      return Optional.of(CourseRole.INSTRUCTOR);
    }
    return members.roleOf(courseId, caller.userId());
  }

  /**
   * Requires at least {@code needed} in the course.
   *
   * @param what the name used in the 404 detail for a non-member ("course", "exercise")
   * @return the caller's effective role
   */
  public CourseRole require(Caller caller, UUID courseId, CourseRole needed, String what) {
    CourseRole role = roleOf(caller, courseId).orElseThrow(() -> ProblemException.notFound(what));
    if (!role.atLeast(needed)) {
      throw ProblemException.forbidden("this needs the " + needed + " role in the course");
    }
    return role;
  }

  /** True when the caller may read every submission of the course (TA, instructor, admin). */
  public boolean isStaff(Caller caller, UUID courseId) {
    return roleOf(caller, courseId).map(r -> r.atLeast(CourseRole.TA)).orElse(false);
  }
}
