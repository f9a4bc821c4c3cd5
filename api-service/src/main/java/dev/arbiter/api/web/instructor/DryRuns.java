package dev.arbiter.api.web.instructor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.exercise.EffectiveLimits;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.outbox.OutboxWriter;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.validation.FileNames;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.GradingJobStarted;
import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.suite.TestSuite;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Dry runs: an instructor's reference solution graded against a draft suite before it is
 * published. The job goes through the core's outbox like any submission (purpose {@code
 * DRY_RUN}, key = the dry run's id, suite version 0 = "not a version"), so it is published
 * exactly when the dry run row commits; {@link DryRunResults} stores what the worker answers.
 */
@ApplicationScoped
public class DryRuns {

  static final String AGGREGATE_TYPE = "DryRun";
  /** Suite version number of a draft: real versions start at 1. */
  static final int DRAFT_VERSION = 0;
  /** Most tests in a draft (the core caps published suites by its own setting). */
  public static final int MAX_TESTS = 1000;
  static final int MAX_REFERENCE_BYTES = 1 << 20;

  private final ExerciseService exercises;
  private final CourseAccess access;
  private final EffectiveLimits limits;
  private final OutboxWriter outbox;

  DryRuns(ExerciseService exercises, CourseAccess access, EffectiveLimits limits,
      OutboxWriter outbox) {
    this.exercises = exercises;
    this.access = access;
    this.limits = limits;
    this.outbox = outbox;
  }

  /** Queues a dry run of {@code reference} (the entrypoint's content) against the draft. */
  @Transactional
  public UUID start(Caller caller, UUID exerciseId, TestSuite draft, String reference) {
    Exercise e = exercises.visible(caller, exerciseId);
    access.require(caller, e.courseId, CourseRole.INSTRUCTOR, "exercise");
    if (reference == null || reference.isBlank()) {
      throw ProblemException.invalid("a dry run needs a reference solution");
    }
    if (reference.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_REFERENCE_BYTES) {
      throw ProblemException.tooLarge("the reference solution is larger than 1 MiB");
    }
    String entryProblem = FileNames.problem(draft.entrypoint());
    if (entryProblem != null) {
      throw ProblemException.invalid("entrypoint: " + entryProblem);
    }
    Map<String, String> files = Map.of(draft.entrypoint(), reference);
    DryRun run = new DryRun();
    run.id = UUID.randomUUID();
    run.exerciseId = e.id;
    run.createdBy = caller.userId();
    run.suite = json(draft);
    run.files = json(files);
    run.status = SubmissionStatus.QUEUED;
    run.maxScore = draft.maxScore();
    run.createdAt = Instant.now();
    run.persist();
    UUID eventId = UUID.randomUUID();
    GradingJobRequested job = new GradingJobRequested(eventId.toString(),
        GradingJobRequested.SCHEMA_VERSION, run.id.toString(), e.id.toString(),
        e.courseId.toString(), DRAFT_VERSION, e.language, JobPurpose.DRY_RUN, limits.of(e), files,
        draft, run.createdAt);
    outbox.append(eventId, AGGREGATE_TYPE, run.id.toString(), "GradingJobRequested", json(job));
    Log.infof("dry run %s for exercise %s by %s queued (%d tests)", run.id, e.id,
        caller.userId(), draft.tests().size());
    return run.id;
  }

  /**
   * A dry run as its page shows it (instructors of the exercise's course only; 404 otherwise).
   *
   * @param run the stored run
   * @param suite its draft
   * @param outcomes verdicts, empty until graded
   */
  public record Found(DryRun run, TestSuite suite, List<TestOutcome> outcomes) {}

  @Transactional
  public Found get(Caller caller, UUID dryRunId) {
    DryRun run = DryRun.<DryRun>findByIdOptional(dryRunId)
        .orElseThrow(() -> ProblemException.notFound("dry run"));
    Exercise e = exercises.visible(caller, run.exerciseId);
    if (!access.roleOf(caller, e.courseId).map(r -> r.atLeast(CourseRole.INSTRUCTOR))
        .orElse(false)) {
      throw ProblemException.notFound("dry run");
    }
    try {
      TestSuite suite = WireFormat.mapper().readValue(run.suite, TestSuite.class);
      List<TestOutcome> outcomes = run.tests == null ? List.of()
          : WireFormat.mapper().readValue(run.tests, new TypeReference<List<TestOutcome>>() {});
      return new Found(run, suite, outcomes);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("stored dry run " + dryRunId + " is not readable", ex);
    }
  }

  /** The latest dry run of the caller on this exercise, if any. */
  @Transactional
  public Optional<UUID> latest(Caller caller, UUID exerciseId) {
    return DryRun.<DryRun>find("exerciseId = ?1 and createdBy = ?2 order by createdAt desc",
        exerciseId, caller.userId()).firstResultOptional().map(r -> r.id);
  }

  /**
   * Applies a worker's event to a dry run; other submissions' events are not ours to handle.
   *
   * @return true when the event was about a dry run
   */
  @Transactional
  boolean apply(GradingResultEvent event) {
    UUID id;
    try {
      id = UUID.fromString(event.submissionId());
    } catch (IllegalArgumentException e) {
      return false;
    }
    DryRun run = DryRun.findById(id);
    if (run == null) {
      return false;
    }
    if (event instanceof GradingJobStarted && run.status == SubmissionStatus.QUEUED) {
      run.status = SubmissionStatus.RUNNING;
    } else if (event instanceof GradingJobCompleted done && !run.status.isFinal()) {
      // A redelivered completion finds the run final and changes nothing.
      run.status = done.outcome();
      run.tests = json(done.tests());
      run.score = done.outcome() == SubmissionStatus.GRADED ? done.score() : null;
      run.infraReason = done.infraReason();
      run.gradedAt = done.finishedAt() == null ? Instant.now() : done.finishedAt();
      Log.infof("dry run %s %s", run.id, run.status);
    }
    return true;
  }

  private static String json(Object o) {
    try {
      return WireFormat.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("wire model always serialises", e);
    }
  }
}
