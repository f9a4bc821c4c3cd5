package dev.arbiter.api.lti.launch;

import dev.arbiter.api.course.CourseRole;
import java.util.List;
import java.util.Optional;

/**
 * Maps LTI role URIs (LTI 1.3 core §5.3.7, appendix A.2) onto Arbiter course roles. Context roles
 * decide; the short names some LMSs still send ({@code Instructor}, {@code Learner}) count as
 * context roles. Institution and system administrators count as instructors, as the issue asks.
 */
public final class LtiRoles {

  private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
  private static final String INSTRUCTOR_SUB = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#";
  private static final String INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
  private static final String SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

  private LtiRoles() {}

  /**
   * The course role for these LTI roles, or empty when none of them is a role Arbiter knows (e.g.
   * Mentor alone), in which case the launch gets no course membership.
   */
  public static Optional<CourseRole> courseRole(List<String> roles) {
    boolean ta = false;
    boolean instructor = false;
    boolean learner = false;
    for (String r : roles) {
      String role = r.trim();
      // A TeachingAssistant sub-role comes with its principal role Instructor (LTI 1.3 core
      // §A.2.3.1); it must win, or every TA would become an instructor.
      if (role.equals(INSTRUCTOR_SUB + "TeachingAssistant")
          || role.equals(MEMBERSHIP + "TeachingAssistant")
          || role.equals("TeachingAssistant")) {
        ta = true;
      } else if (role.equals(MEMBERSHIP + "Instructor")
          || role.equals(MEMBERSHIP + "Administrator")
          || role.equals("Instructor")
          || role.equals("Administrator")
          || role.equals(INSTITUTION + "Administrator")
          || role.equals(SYSTEM + "Administrator")) {
        instructor = true;
      } else if (role.equals(MEMBERSHIP + "Learner") || role.equals("Learner")) {
        learner = true;
      }
    }
    if (ta) {
      return Optional.of(CourseRole.TA);
    }
    if (instructor) {
      return Optional.of(CourseRole.INSTRUCTOR);
    }
    return learner ? Optional.of(CourseRole.STUDENT) : Optional.empty();
  }
}
