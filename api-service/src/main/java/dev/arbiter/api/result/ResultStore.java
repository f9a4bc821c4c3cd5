package dev.arbiter.api.result;

import dev.arbiter.api.queue.JobFinished;
import dev.arbiter.api.submission.Submission;
import dev.arbiter.api.submission.SubmissionRepository;
import dev.arbiter.api.submission.TestResult;
import dev.arbiter.api.suite.SuiteVersionRepository;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobStarted;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.suite.TestSuite;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores what workers report, idempotently: each completion event takes effect at most once
 * ({@code processed_events} in the same transaction), and the first completion of a submission
 * is final — a redelivered job's second completion never changes a stored grade.
 */
@ApplicationScoped
public class ResultStore {

  private static final int MAX_REASON_LENGTH = 2000;

  /** SQL over {@code submissions s}: :job is one of its jobs, and not the one now answering for it. */
  private static final String SUPERSEDED = "(s.current_job_id IS NOT NULL AND s.current_job_id <> :job"
      + " AND EXISTS (SELECT 1 FROM outbox_events o WHERE o.id = :job"
      + " AND o.aggregate_type = 'Submission' AND o.aggregate_id = s.id::text))";

  private final EntityManager em;
  private final SubmissionRepository submissions;
  private final SuiteVersionRepository suites;
  private final Event<JobFinished> finished;
  private final Event<SubmissionGraded> graded;

  ResultStore(EntityManager em, SubmissionRepository submissions, SuiteVersionRepository suites,
      Event<JobFinished> finished, Event<SubmissionGraded> graded) {
    this.em = em;
    this.submissions = submissions;
    this.suites = suites;
    this.finished = finished;
    this.graded = graded;
  }

  /** QUEUED → RUNNING; any later state stays (events may arrive out of order). */
  @Transactional
  public void started(GradingJobStarted e) {
    Optional<UUID> id = parseId(e.submissionId());
    if (id.isEmpty()) {
      return;
    }
    // A superseded job (replaced by a replay) starting again says nothing about the current one.
    int updated = em.createNativeQuery("UPDATE submissions s SET status = 'RUNNING',"
            + " started_at = :at WHERE s.id = :id AND s.status = 'QUEUED' AND NOT " + SUPERSEDED)
        .setParameter("at", e.startedAt() == null ? Instant.now() : e.startedAt())
        .setParameter("id", id.get())
        .setParameter("job", parseJob(e.jobEventId()))
        .executeUpdate();
    if (updated == 1) {
      Log.infof("submission %s RUNNING on %s", id.get(), e.workerId());
    }
  }

  /** Stores a completion unless this event, or another completion, was already stored. */
  @Transactional
  public void completed(GradingJobCompleted e) {
    Optional<UUID> id = parseId(e.submissionId());
    if (id.isEmpty()) {
      return;
    }
    if (!markProcessed(e.eventId())) {
      Log.infof("submission %s: completion event %s already stored; skipped", id.get(),
          e.eventId());
      return;
    }
    Submission s = submissions.findForUpdate(id.get()).orElse(null);
    if (s == null) {
      Log.warnf("completion event %s names unknown submission %s; skipped", e.eventId(), id.get());
      return;
    }
    if (superseded(s, parseJob(e.jobEventId()))) {
      // A replayed submission's earlier job, redelivered or late, must not grade the new attempt;
      // of the current job, the first completion counts (below).
      Log.infof("submission %s: completion %s answers job %s, not its current job %s; ignored",
          s.id, e.eventId(), e.jobEventId(), s.currentJobId);
      return;
    }
    if (s.status.isFinal()) {
      Log.infof("submission %s is already %s; completion %s ignored", s.id, s.status,
          e.eventId());
      return;
    }
    if (e.suiteVersion() != s.suiteVersion) {
      Log.warnf("submission %s ran suite v%d but the completion reports v%d; ignored", s.id,
          s.suiteVersion, e.suiteVersion());
      return;
    }
    Instant now = Instant.now();
    s.attempts = e.attempts();
    s.gradedAt = e.finishedAt() == null ? now : e.finishedAt();
    if (s.startedAt == null) {
      s.startedAt = e.startedAt();
    }
    if (e.outcome() == SubmissionStatus.GRADED) {
      TestSuite suite = suites.suite(s.exerciseId, s.suiteVersion);
      storeTests(s, e, suite);
      s.status = SubmissionStatus.GRADED;
      s.score = e.tests() == null ? 0.0 : e.score();
      s.maxScore = suite.maxScore();
      s.infraReason = null;
      // Synchronous, in this transaction: LTI passback's outbox row commits with the grade.
      graded.fire(new SubmissionGraded(s.id, s.userId, s.exerciseId));
    } else {
      s.status = SubmissionStatus.FAILED_INFRA;
      s.score = null;
      s.infraReason = truncate(e.infraReason() == null ? "unknown" : e.infraReason());
    }
    Log.infof("submission %s %s (score %s of %s)", s.id, s.status, s.score, s.maxScore);
    finished.fire(new JobFinished(s.id, s.purpose, s.status, s.receivedAt, s.gradedAt));
  }

  /**
   * True when {@code job} is an earlier job of this submission, replaced by a replay: one of its
   * own outbox rows, but not its current job.
   */
  private boolean superseded(Submission s, UUID job) {
    if (s.currentJobId == null || s.currentJobId.equals(job)) {
      return false;
    }
    return ((Number) em.createNativeQuery("SELECT count(*) FROM submissions s WHERE s.id = :id AND "
            + SUPERSEDED)
        .setParameter("id", s.id)
        .setParameter("job", job)
        .getSingleResult()).longValue() > 0;
  }

  /** The job's event id as a uuid; a malformed one matches no job. */
  private static UUID parseJob(String jobEventId) {
    try {
      return jobEventId == null ? new UUID(0, 0) : UUID.fromString(jobEventId);
    } catch (IllegalArgumentException e) {
      return new UUID(0, 0);
    }
  }

  private void storeTests(Submission s, GradingJobCompleted e, TestSuite suite) {
    if (e.tests() == null) {
      return;
    }
    if (e.tests().size() != suite.tests().size()) {
      Log.warnf("submission %s: %d verdicts for %d tests", s.id, e.tests().size(),
          suite.tests().size());
    }
    for (int i = 0; i < e.tests().size(); i++) {
      TestOutcome o = e.tests().get(i);
      TestResult r = new TestResult();
      r.id = new TestResult.Key(s.id, i);
      r.name = o.name() == null ? (i < suite.tests().size() ? suite.tests().get(i).name() : "#" + i)
          : o.name();
      r.status = o.status();
      r.score = o.score();
      r.maxScore = o.maxScore();
      r.timeMs = o.timeMs();
      r.output = o.output();
      r.stderr = o.stderr();
      r.actual = o.actual();
      r.message = o.message();
      em.persist(r);
    }
  }

  /** True when this call recorded the event; false when it was recorded before. */
  private boolean markProcessed(String eventId) {
    return em.createNativeQuery("INSERT INTO processed_events (event_id, processed_at)"
            + " VALUES (:id, now()) ON CONFLICT (event_id) DO NOTHING")
        .setParameter("id", eventId)
        .executeUpdate() == 1;
  }

  private static Optional<UUID> parseId(String submissionId) {
    try {
      return Optional.of(UUID.fromString(submissionId));
    } catch (IllegalArgumentException | NullPointerException e) {
      Log.warnf("result event names malformed submission id '%s'; skipped", submissionId);
      return Optional.empty();
    }
  }

  private static String truncate(String s) {
    return s.length() > MAX_REASON_LENGTH ? s.substring(0, MAX_REASON_LENGTH) : s;
  }
}
