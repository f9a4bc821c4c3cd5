package dev.arbiter.api.web.instructor;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseRepository;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.validation.SafeText;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Changing an exercise's title, description and limits; the core has creation only. Slug and
 * language stay as created: links, reports and stored jobs refer to them. Limits are stored as
 * asked and capped when read, exactly as the core stores them at creation; submissions already
 * queued keep the limits their job carries.
 */
@ApplicationScoped
public class ExerciseEdits {

  static final int MAX_TITLE_LENGTH = 200;
  static final int MAX_DESCRIPTION_LENGTH = 64 * 1024;

  private final ExerciseService exercises;
  private final ExerciseRepository repository;
  private final CourseAccess access;

  ExerciseEdits(ExerciseService exercises, ExerciseRepository repository, CourseAccess access) {
    this.exercises = exercises;
    this.repository = repository;
    this.access = access;
  }

  /**
   * New values of an exercise.
   *
   * @param title 1 to 200 characters
   * @param description plain text
   * @param timeSeconds positive
   * @param memoryMb positive
   * @param outputKb positive
   * @param diskMb positive
   */
  public record Changes(String title, String description, int timeSeconds, int memoryMb,
      int outputKb, int diskMb) {}

  @Transactional
  public void update(Caller caller, UUID exerciseId, Changes c) {
    Exercise visible = exercises.visible(caller, exerciseId);
    access.require(caller, visible.courseId, CourseRole.INSTRUCTOR, "exercise");
    String title = c.title() == null ? "" : c.title().strip();
    if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
      throw ProblemException.invalid("title is required (1 to " + MAX_TITLE_LENGTH + " characters)");
    }
    String description = c.description() == null ? "" : c.description();
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw ProblemException.tooLarge("description is longer than " + MAX_DESCRIPTION_LENGTH
          + " characters");
    }
    String textProblem = SafeText.problem(title + description);
    if (textProblem != null) {
      throw ProblemException.invalid("title or description " + textProblem);
    }
    if (c.timeSeconds() < 1 || c.memoryMb() < 1 || c.outputKb() < 1 || c.diskMb() < 1) {
      throw ProblemException.invalid("limits must be positive integers");
    }
    Exercise e = repository.findForUpdate(exerciseId)
        .orElseThrow(() -> ProblemException.notFound("exercise"));
    e.title = title;
    e.description = description;
    e.timeSeconds = c.timeSeconds();
    e.memoryMb = c.memoryMb();
    e.outputKb = c.outputKb();
    e.diskMb = c.diskMb();
    e.updatedAt = Instant.now();
    Log.infof("exercise %s edited by %s", exerciseId, caller.userId());
  }
}
