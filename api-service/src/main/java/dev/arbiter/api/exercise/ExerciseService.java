package dev.arbiter.api.exercise;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.validation.SafeText;
import dev.arbiter.common.status.RunLimits;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@ApplicationScoped
public class ExerciseService {

  static final Pattern SLUG = Pattern.compile("^[a-z0-9-]{1,60}$");
  static final int MAX_TITLE_LENGTH = 200;
  static final int MAX_DESCRIPTION_LENGTH = 64 * 1024;

  private final ExerciseRepository exercises;
  private final CourseAccess access;
  private final EffectiveLimits limits;
  private final ExerciseConfig config;

  ExerciseService(ExerciseRepository exercises, CourseAccess access, EffectiveLimits limits,
      ExerciseConfig config) {
    this.exercises = exercises;
    this.access = access;
    this.limits = limits;
    this.config = config;
  }

  @Transactional
  public ExerciseView create(Caller caller, UUID courseId, CreateExercise request) {
    access.require(caller, courseId, CourseRole.INSTRUCTOR, "course");
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    if (request.slug() == null || !SLUG.matcher(request.slug()).matches()) {
      throw ProblemException.invalid("slug must match ^[a-z0-9-]{1,60}$");
    }
    String title = request.title() == null ? "" : request.title().strip();
    if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
      throw ProblemException.invalid("title is required (1 to " + MAX_TITLE_LENGTH + " characters)");
    }
    String description = request.description() == null ? "" : request.description();
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw ProblemException.tooLarge("description is longer than " + MAX_DESCRIPTION_LENGTH
          + " characters");
    }
    String textProblem = SafeText.problem(title + description);
    if (textProblem != null) {
      throw ProblemException.invalid("title or description " + textProblem);
    }
    if (request.language() == null || !config.languages().contains(request.language())) {
      throw ProblemException.invalid("language must be one of " + config.languages());
    }
    RunLimits requested = limits.requested(request.limits());
    if (exercises.slugTaken(courseId, request.slug())) {
      throw ProblemException.conflict("the course already has an exercise '" + request.slug()
          + "'");
    }
    Exercise e = new Exercise();
    e.id = UUID.randomUUID();
    e.courseId = courseId;
    e.slug = request.slug();
    e.title = title;
    e.description = description;
    e.language = request.language();
    e.timeSeconds = requested.timeSeconds();
    e.memoryMb = requested.memoryMb();
    e.outputKb = requested.outputKb();
    e.diskMb = requested.diskMb();
    e.maxProcesses = requested.maxProcesses();
    e.createdAt = Instant.now();
    e.updatedAt = e.createdAt;
    exercises.persist(e);
    Log.infof("exercise %s (%s) created in course %s by %s", e.id, e.slug, courseId,
        caller.userId());
    return ExerciseView.from(e, limits.of(e));
  }

  @Transactional
  public ExerciseView get(Caller caller, UUID exerciseId) {
    Exercise e = visible(caller, exerciseId);
    return ExerciseView.from(e, limits.of(e));
  }

  @Transactional
  public List<ExerciseView> list(Caller caller, UUID courseId) {
    access.require(caller, courseId, CourseRole.STUDENT, "course");
    return exercises.listByCourse(courseId).stream()
        .map(e -> ExerciseView.from(e, limits.of(e))).toList();
  }

  /** The exercise if the caller is a member of its course; 404 otherwise. */
  public Exercise visible(Caller caller, UUID exerciseId) {
    Exercise e = exercises.findByIdOptional(exerciseId)
        .orElseThrow(() -> ProblemException.notFound("exercise"));
    access.require(caller, e.courseId, CourseRole.STUDENT, "exercise");
    return e;
  }
}
