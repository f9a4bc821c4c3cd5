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
    String title = title(request.title());
    String description = description(request.description() == null ? ""
        : request.description());
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

  /** Changes title, description or limits (the course's instructor). */
  @Transactional
  public ExerciseView update(Caller caller, UUID exerciseId, UpdateExercise request) {
    Exercise visible = visible(caller, exerciseId);
    access.require(caller, visible.courseId, CourseRole.INSTRUCTOR, "exercise");
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    Exercise e = exercises.findForUpdate(exerciseId)
        .orElseThrow(() -> ProblemException.notFound("exercise"));
    if (request.title() != null) {
      e.title = title(request.title());
    }
    if (request.description() != null) {
      e.description = description(request.description());
    }
    if (request.limits() != null) {
      LimitsRequest l = request.limits();
      RunLimits changed = limits.requested(new LimitsRequest(
          l.timeSeconds() == null ? e.timeSeconds : l.timeSeconds(),
          l.memoryMb() == null ? e.memoryMb : l.memoryMb(),
          l.outputKb() == null ? e.outputKb : l.outputKb(),
          l.diskMb() == null ? e.diskMb : l.diskMb(),
          l.maxProcesses() == null ? e.maxProcesses : l.maxProcesses()));
      e.timeSeconds = changed.timeSeconds();
      e.memoryMb = changed.memoryMb();
      e.outputKb = changed.outputKb();
      e.diskMb = changed.diskMb();
      e.maxProcesses = changed.maxProcesses();
    }
    e.updatedAt = Instant.now();
    Log.infof("exercise %s changed by %s", e.id, caller.userId());
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

  private static String title(String requested) {
    String title = requested == null ? "" : requested.strip();
    if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
      throw ProblemException.invalid("title is required (1 to " + MAX_TITLE_LENGTH + " characters)");
    }
    String problem = SafeText.problem(title);
    if (problem != null) {
      throw ProblemException.invalid("title " + problem);
    }
    return title;
  }

  private static String description(String description) {
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw ProblemException.tooLarge("description is longer than " + MAX_DESCRIPTION_LENGTH
          + " characters");
    }
    String problem = SafeText.problem(description);
    if (problem != null) {
      throw ProblemException.invalid("description " + problem);
    }
    return description;
  }

  /** The exercise if the caller is a member of its course; 404 otherwise. */
  public Exercise visible(Caller caller, UUID exerciseId) {
    Exercise e = exercises.findByIdOptional(exerciseId)
        .orElseThrow(() -> ProblemException.notFound("exercise"));
    access.require(caller, e.courseId, CourseRole.STUDENT, "exercise");
    return e;
  }
}
