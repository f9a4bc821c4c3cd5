package dev.arbiter.api.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.course.CourseRole;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LtiRolesTest {

  private static final String M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

  @Test
  void learnerIsAStudent() {
    assertEquals(Optional.of(CourseRole.STUDENT), LtiRoles.courseRole(List.of(M + "Learner")));
  }

  @Test
  void instructorAndAdministratorAreInstructors() {
    assertEquals(Optional.of(CourseRole.INSTRUCTOR), LtiRoles.courseRole(List.of(M + "Instructor")));
    assertEquals(Optional.of(CourseRole.INSTRUCTOR), LtiRoles.courseRole(List.of(M + "Administrator")));
    // Moodle's site administrator: institution + system admin roles next to Instructor.
    assertEquals(
        Optional.of(CourseRole.INSTRUCTOR),
        LtiRoles.courseRole(
            List.of(
                "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
                "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator")));
  }

  @Test
  void teachingAssistantWinsOverItsPrincipalInstructorRole() {
    assertEquals(
        Optional.of(CourseRole.TA),
        LtiRoles.courseRole(
            List.of(M + "Instructor", "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant")));
  }

  @Test
  void instructorWinsOverLearnerWhenBothAreSent() {
    assertEquals(Optional.of(CourseRole.INSTRUCTOR), LtiRoles.courseRole(List.of(M + "Learner", M + "Instructor")));
  }

  @Test
  void shortLegacyNamesAreUnderstood() {
    assertEquals(Optional.of(CourseRole.STUDENT), LtiRoles.courseRole(List.of("Learner")));
    assertEquals(Optional.of(CourseRole.INSTRUCTOR), LtiRoles.courseRole(List.of("Instructor")));
  }

  @Test
  void unknownRolesGiveNoMembership() {
    assertEquals(Optional.empty(), LtiRoles.courseRole(List.of(M + "Mentor")));
    assertEquals(Optional.empty(), LtiRoles.courseRole(List.of()));
    // An institution "Student" role alone is not a role in this course.
    assertEquals(
        Optional.empty(),
        LtiRoles.courseRole(List.of("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student")));
  }
}
