package dev.arbiter.api.replay;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.exercise.EffectiveLimits;
import dev.arbiter.api.exercise.Exercise;
import dev.arbiter.api.exercise.ExerciseRepository;
import dev.arbiter.api.outbox.OutboxWriter;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.submission.Submission;
import dev.arbiter.api.suite.SuiteVersionRepository;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.SubmissionStatus;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Grades FAILED_INFRA submissions again, once the platform is fixed. The job is rebuilt from
 * PostgreSQL (the source of truth: the stored files and suite version, today's capped limits) and
 * written to the outbox in the same transaction that puts the submission back to QUEUED, under a
 * new job event id. The results store keeps only the first completion of that new job, so a late
 * completion of the old one cannot grade the new attempt. The dead-letter topic stays the audit
 * trail of what failed; replaying never reads it.
 */
@ApplicationScoped
public class ReplayService {

  /** Most submissions one request replays (a larger outage is replayed in several requests). */
  public static final int MAX_BATCH = 1000;

  static final String AGGREGATE_TYPE = "Submission";

  private final EntityManager em;
  private final ExerciseRepository exercises;
  private final SuiteVersionRepository suites;
  private final EffectiveLimits limits;
  private final OutboxWriter outbox;

  ReplayService(EntityManager em, ExerciseRepository exercises, SuiteVersionRepository suites,
      EffectiveLimits limits, OutboxWriter outbox) {
    this.em = em;
    this.exercises = exercises;
    this.suites = suites;
    this.limits = limits;
    this.outbox = outbox;
  }

  /** FAILED_INFRA submissions matching the request, oldest first. */
  @Transactional
  public List<FailedSubmission> failed(Caller caller, ReplayRequest filter) {
    requireAdmin(caller);
    Map<UUID, UUID> courseOf = new HashMap<>();
    List<FailedSubmission> out = new ArrayList<>();
    for (Submission s : select(filter, false)) {
      UUID course = courseOf.computeIfAbsent(s.exerciseId,
          id -> exercises.findByIdOptional(id).map(e -> e.courseId).orElse(null));
      out.add(new FailedSubmission(s.id.toString(), s.exerciseId.toString(),
          course == null ? null : course.toString(), s.userId.toString(), s.receivedAt,
          s.gradedAt, s.attempts, s.infraReason));
    }
    return out;
  }

  /** Puts matching FAILED_INFRA submissions back in the queue, each with a new job. */
  @Transactional
  public Replayed replay(Caller caller, ReplayRequest filter) {
    requireAdmin(caller);
    List<String> ids = new ArrayList<>();
    for (Submission s : select(filter, true)) {
      Exercise exercise = exercises.findByIdOptional(s.exerciseId)
          .orElseThrow(() -> new IllegalStateException("submission without exercise"));
      UUID jobId = UUID.randomUUID();
      GradingJobRequested job = new GradingJobRequested(jobId.toString(),
          GradingJobRequested.SCHEMA_VERSION, s.id.toString(), exercise.id.toString(),
          exercise.courseId.toString(), s.suiteVersion, exercise.language, s.purpose,
          limits.of(exercise), files(s), suites.suite(s.exerciseId, s.suiteVersion),
          s.receivedAt);
      // The reason stays until a grade replaces it, so staff still see why it failed before.
      s.status = SubmissionStatus.QUEUED;
      s.startedAt = null;
      s.gradedAt = null;
      s.currentJobId = jobId;
      outbox.append(jobId, AGGREGATE_TYPE, s.id.toString(), "GradingJobRequested", json(job));
      ids.add(s.id.toString());
      Log.infof("submission %s replayed by %s as job %s", s.id, caller.userId(), jobId);
    }
    return new Replayed(ids.size(), List.copyOf(ids));
  }

  private List<Submission> select(ReplayRequest filter, boolean lock) {
    ReplayRequest f = filter == null ? new ReplayRequest(null, null, null, null) : filter;
    int limit = f.limit() == null ? MAX_BATCH : f.limit();
    if (limit < 1 || limit > MAX_BATCH) {
      throw ProblemException.invalid("limit must be 1 to " + MAX_BATCH);
    }
    StringBuilder jpql = new StringBuilder("select s from Submission s where s.status = :failed");
    Map<String, Object> params = new HashMap<>();
    params.put("failed", SubmissionStatus.FAILED_INFRA);
    if (f.submissionIds() != null) {
      if (f.submissionIds().isEmpty() || f.submissionIds().size() > MAX_BATCH) {
        throw ProblemException.invalid("submissionIds must hold 1 to " + MAX_BATCH + " ids");
      }
      jpql.append(" and s.id in :ids");
      params.put("ids", f.submissionIds());
    }
    if (f.exerciseId() != null) {
      jpql.append(" and s.exerciseId = :exercise");
      params.put("exercise", f.exerciseId());
    }
    if (f.courseId() != null) {
      jpql.append(" and s.exerciseId in (select e.id from Exercise e where e.courseId = :course)");
      params.put("course", f.courseId());
    }
    jpql.append(" order by s.receivedAt, s.id");
    var q = em.createQuery(jpql.toString(), Submission.class).setMaxResults(limit);
    params.forEach(q::setParameter);
    if (lock) {
      // Two administrators replaying at once must not queue one submission twice.
      q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    return q.getResultList();
  }

  private static void requireAdmin(Caller caller) {
    if (!caller.admin()) {
      throw ProblemException.forbidden("only administrators replay failed submissions");
    }
  }

  private static Map<String, String> files(Submission s) {
    try {
      return WireFormat.mapper().readValue(s.files,
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored files are not readable", e);
    }
  }

  private static String json(Object value) {
    try {
      return WireFormat.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the job", e);
    }
  }
}
