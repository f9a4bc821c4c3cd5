package dev.arbiter.api.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.exercise.EffectiveLimits;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseRepository;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.outbox.OutboxWriter;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.problem.ProblemType;
import dev.arbiter.api.queue.QueueService;
import dev.arbiter.api.suite.SuiteVersionRepository;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

@ApplicationScoped
public class SubmissionService {

  static final String AGGREGATE_TYPE = "Submission";
  private static final String IDEMPOTENCY_CONSTRAINT = "submissions_user_idempotency_uk";

  private final SubmissionRepository submissions;
  private final TestResultRepository results;
  private final ExerciseService exerciseService;
  private final ExerciseRepository exercises;
  private final SuiteVersionRepository suites;
  private final CourseAccess access;
  private final EffectiveLimits limits;
  private final OutboxWriter outbox;
  private final SubmissionRateLimiter rateLimiter;
  private final SubmissionConfig config;
  private final FileSetValidator fileSet;
  private final QueueService queue;

  SubmissionService(SubmissionRepository submissions, TestResultRepository results,
      ExerciseService exerciseService, ExerciseRepository exercises,
      SuiteVersionRepository suites, CourseAccess access, EffectiveLimits limits,
      OutboxWriter outbox, SubmissionRateLimiter rateLimiter, SubmissionConfig config,
      QueueService queue) {
    this.submissions = submissions;
    this.results = results;
    this.exerciseService = exerciseService;
    this.exercises = exercises;
    this.suites = suites;
    this.access = access;
    this.limits = limits;
    this.outbox = outbox;
    this.rateLimiter = rateLimiter;
    this.config = config;
    this.queue = queue;
    this.fileSet = new FileSetValidator(config.maxBytes(), config.maxFiles());
  }

  /**
   * Accepts a submission: the submission row (QUEUED) and its grading job in the outbox commit
   * together, so a 202 always means a job will be published, and no job exists for a submission
   * that was not stored.
   *
   * @param idempotencyKey optional; a retry with the same key gets the first submission back
   * @throws DuplicateSubmission when a concurrent retry with the same key committed first
   */
  @Transactional
  public Submitted submit(Caller caller, UUID exerciseId, CreateSubmission request,
      String idempotencyKey) {
    Exercise exercise = exerciseService.visible(caller, exerciseId);
    checkKey(idempotencyKey);
    if (idempotencyKey != null) {
      Optional<Submission> earlier = submissions.findByIdempotencyKey(caller.userId(),
          idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), exerciseId);
      }
    }
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    Map<String, String> files = fileSet.validate(request.files());
    if (exercise.currentSuiteVersion == null) {
      throw ProblemException.conflict("the exercise has no test suite yet");
    }
    TestSuite suite = suites.suite(exercise.id, exercise.currentSuiteVersion);
    boolean runsEntrypoint = suite.tests().stream().anyMatch(t -> t.kind() == TestKind.IO);
    if (runsEntrypoint && !files.containsKey(suite.entrypoint())) {
      throw ProblemException.invalid("the submission must include " + suite.entrypoint());
    }
    Optional<Duration> wait = rateLimiter.acquire(caller.userId());
    if (wait.isPresent()) {
      throw new ProblemException(ProblemType.RATE_LIMITED, "at most "
          + config.rateLimit().submissions() + " submissions per "
          + config.rateLimit().window() + "; try again later", wait.get());
    }

    Submission s = new Submission();
    s.id = UUID.randomUUID();
    s.exerciseId = exercise.id;
    s.userId = caller.userId();
    s.suiteVersion = exercise.currentSuiteVersion;
    s.files = json(files);
    s.status = SubmissionStatus.QUEUED;
    s.purpose = JobPurpose.SUBMISSION;
    s.maxScore = suite.maxScore();
    s.receivedAt = Instant.now();
    s.idempotencyKey = idempotencyKey;
    UUID eventId = UUID.randomUUID();
    s.currentJobId = eventId;
    persist(s);

    GradingJobRequested job = new GradingJobRequested(eventId.toString(),
        GradingJobRequested.SCHEMA_VERSION, s.id.toString(), exercise.id.toString(),
        exercise.courseId.toString(), s.suiteVersion, exercise.language, s.purpose,
        limits.of(exercise), files, suite, s.receivedAt);
    outbox.append(eventId, AGGREGATE_TYPE, s.id.toString(), "GradingJobRequested", json(job));
    Log.infof("submission %s for exercise %s by %s queued (suite v%d)", s.id, exercise.id,
        caller.userId(), s.suiteVersion);
    return Submitted.from(s);
  }

  /** The submission a committed request with this key created (after {@link DuplicateSubmission}). */
  @Transactional
  public Submitted byIdempotencyKey(Caller caller, UUID exerciseId, String idempotencyKey) {
    Submission s = submissions.findByIdempotencyKey(caller.userId(), idempotencyKey)
        .orElseThrow(() -> new IllegalStateException("the winning submission is not visible"));
    return replay(s, exerciseId);
  }

  /** A submission for its author or the course's staff; 404 for anyone else. */
  @Transactional
  public SubmissionView get(Caller caller, UUID submissionId) {
    Submission s = submissions.findByIdOptional(submissionId)
        .orElseThrow(() -> ProblemException.notFound("submission"));
    boolean staff = exercises.findByIdOptional(s.exerciseId)
        .map(e -> access.isStaff(caller, e.courseId)).orElse(false);
    if (!staff && !s.userId.equals(caller.userId())) {
      throw ProblemException.notFound("submission");
    }
    TestSuite suite = suites.suite(s.exerciseId, s.suiteVersion);
    SubmissionView view = SubmissionView.of(s, suite, results.listBySubmission(s.id), files(s),
        staff);
    if (s.status == SubmissionStatus.QUEUED) {
      QueueService.Estimate e = queue.estimate(s.id, s.receivedAt);
      view = view.inQueue(e.position(), e.etaSeconds());
    }
    return view;
  }

  /** Only the status (no access check, no files): for a request that already passed {@link #get}. */
  @Transactional
  public SubmissionStatus statusOf(UUID submissionId) {
    return submissions.getEntityManager()
        .createQuery("select s.status from Submission s where s.id = ?1", SubmissionStatus.class)
        .setParameter(1, submissionId).getSingleResult();
  }

  /**
   * Submissions to an exercise: the caller's own; staff may ask for one user's or everyone's.
   *
   * @param userId whose submissions (default the caller)
   * @param all every user's (staff only)
   */
  @Transactional
  public List<SubmissionSummary> list(Caller caller, UUID exerciseId, UUID userId, boolean all) {
    Exercise e = exerciseService.visible(caller, exerciseId);
    boolean own = !all && (userId == null || userId.equals(caller.userId()));
    if (!own && !access.isStaff(caller, e.courseId)) {
      throw ProblemException.forbidden("only course staff may list other users' submissions");
    }
    List<Submission> list = all ? submissions.listByExercise(exerciseId)
        : submissions.listByExerciseAndUser(exerciseId, own ? caller.userId() : userId);
    return list.stream().map(SubmissionSummary::from).toList();
  }

  private Submitted replay(Submission s, UUID exerciseId) {
    if (!s.exerciseId.equals(exerciseId)) {
      throw ProblemException.conflict("this Idempotency-Key was used for another exercise");
    }
    return Submitted.from(s);
  }

  private void persist(Submission s) {
    try {
      submissions.persist(s);
      submissions.flush();
    } catch (PersistenceException e) {
      if (e instanceof ConstraintViolationException cve
          && IDEMPOTENCY_CONSTRAINT.equals(cve.getConstraintName())) {
        throw new DuplicateSubmission();
      }
      throw e;
    }
  }

  private void checkKey(String key) {
    if (key == null) {
      return;
    }
    if (key.isEmpty() || key.length() > config.maxIdempotencyKeyLength()
        || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw ProblemException.invalid("Idempotency-Key must be 1 to "
          + config.maxIdempotencyKeyLength() + " visible ASCII characters");
    }
  }

  private static Map<String, String> files(Submission s) {
    try {
      return WireFormat.mapper().readValue(s.files, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored files are not readable", e);
    }
  }

  private static String json(Object value) {
    try {
      return WireFormat.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
