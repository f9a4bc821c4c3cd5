package dev.arbiter.api.web.view;

import dev.arbiter.common.status.RunLimits;

/**
 * An exercise as its pages show it.
 *
 * @param id exercise id
 * @param courseId its course
 * @param courseTitle its course's title
 * @param slug slug
 * @param title title
 * @param description the instructor's description (plain text)
 * @param language runtime, e.g. python3
 * @param limits effective (capped) limits
 * @param suiteVersion current suite version, 0 when none
 * @param entrypoint file the tests run, or "main.py" before a suite exists
 * @param role the viewer's role in the course
 */
public record ExerciseView(
    String id,
    String courseId,
    String courseTitle,
    String slug,
    String title,
    String description,
    String language,
    RunLimits limits,
    int suiteVersion,
    String entrypoint,
    String role) {

  public boolean staff() {
    return !"STUDENT".equals(role);
  }

  public boolean canEdit() {
    return "INSTRUCTOR".equals(role) || "ADMIN".equals(role);
  }
}
