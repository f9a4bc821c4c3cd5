package dev.arbiter.api.web.view;

/**
 * A course in the signed-in user's list.
 *
 * @param id course id
 * @param title course title
 * @param role the viewer's role (STUDENT, TA, INSTRUCTOR; ADMIN for an administrator)
 */
public record CourseCard(String id, String title, String role) {

  public boolean staff() {
    return !"STUDENT".equals(role);
  }
}
