package dev.arbiter.api.suite;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseRepository;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SuiteService {

  private final ExerciseRepository exercises;
  private final ExerciseService exerciseService;
  private final SuiteVersionRepository versions;
  private final CourseAccess access;
  private final SuiteValidator validator;

  SuiteService(ExerciseRepository exercises, ExerciseService exerciseService,
      SuiteVersionRepository versions, CourseAccess access, SuiteConfig config) {
    this.exercises = exercises;
    this.exerciseService = exerciseService;
    this.versions = versions;
    this.access = access;
    this.validator = new SuiteValidator(config.maxBytes(), config.maxTests());
  }

  /** Stores the suite as the exercise's next version (the course's instructor). */
  @Transactional
  public SuiteVersionView put(Caller caller, UUID exerciseId, PutSuite request) {
    Exercise visible = exerciseService.visible(caller, exerciseId);
    access.require(caller, visible.courseId, CourseRole.INSTRUCTOR, "exercise");
    SuiteValidator.Valid valid = validator.validate(request);
    // The row lock makes concurrent PUTs take consecutive numbers instead of colliding.
    Exercise e = exercises.findForUpdate(exerciseId)
        .orElseThrow(() -> ProblemException.notFound("exercise"));
    int next = e.currentSuiteVersion == null ? 1 : e.currentSuiteVersion + 1;
    SuiteVersion v = new SuiteVersion();
    v.id = new SuiteVersion.Key(exerciseId, next);
    v.suite = valid.json();
    v.createdAt = Instant.now();
    v.createdBy = caller.userId();
    versions.persist(v);
    e.currentSuiteVersion = next;
    e.updatedAt = v.createdAt;
    Log.infof("exercise %s: suite version %d (%d tests) by %s", exerciseId, next,
        valid.suite().tests().size(), caller.userId());
    return SuiteVersionView.from(v, valid.suite());
  }

  /** The current suite: all of it for staff, hidden tests reduced to their names for students. */
  @Transactional
  public SuiteView current(Caller caller, UUID exerciseId) {
    Exercise e = exerciseService.visible(caller, exerciseId);
    if (e.currentSuiteVersion == null) {
      throw ProblemException.notFound("suite");
    }
    return view(caller, e, e.currentSuiteVersion);
  }

  @Transactional
  public SuiteView version(Caller caller, UUID exerciseId, int version) {
    Exercise e = exerciseService.visible(caller, exerciseId);
    return view(caller, e, version);
  }

  /** Every version, newest first (TA or above). */
  @Transactional
  public List<SuiteVersionView> versions(Caller caller, UUID exerciseId) {
    Exercise e = exerciseService.visible(caller, exerciseId);
    access.require(caller, e.courseId, CourseRole.TA, "exercise");
    return versions.listByExercise(exerciseId).stream()
        .map(v -> SuiteVersionView.from(v, SuiteVersionRepository.parse(v))).toList();
  }

  private SuiteView view(Caller caller, Exercise e, int version) {
    SuiteVersion v = versions.find(e.id, version)
        .orElseThrow(() -> ProblemException.notFound("suite version"));
    return SuiteView.from(v, SuiteVersionRepository.parse(v), access.isStaff(caller, e.courseId));
  }
}
