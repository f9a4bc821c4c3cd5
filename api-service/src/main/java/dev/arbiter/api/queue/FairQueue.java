package dev.arbiter.api.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The order in which waiting work leaves PostgreSQL for Kafka (the fairness policy, documented in
 * docs/operations.md). Unpublished outbox rows are ranked by:
 *
 * <ol>
 *   <li><b>lane</b>: anything that is not a submission's grading job (a dry run, another event)
 *       first and never held back; then students' submissions; regrades last, so a course-wide
 *       regrade never delays a student at a deadline;
 *   <li><b>the student's turn</b>: the n-th submission a student made within the fairness horizon
 *       waits behind every other student's (n-1)-th, so resubmitting in a loop only delays
 *       oneself;
 *   <li><b>the course's turn</b>: within one turn, courses take turns, so a large course's burst
 *       does not hold back a small course's students;
 *   <li>arrival time.
 * </ol>
 *
 * <p>Only the {@link QueueConfig#dispatchWindow() dispatch window} of jobs is in Kafka at any time;
 * this order decides which job fills each freed slot.
 */
@ApplicationScoped
public class FairQueue {

  /** Lane of rows that are not submissions' grading jobs: first, and outside the window. */
  public static final int FREE_LANE = 0;

  // A submission's grading job is the outbox row of type GradingJobRequested whose aggregate is
  // the submission; the CASE keeps the uuid cast away from other aggregates' ids.
  private static final String RANKED = """
      WITH pending AS (
        SELECT o.id AS outbox_id, o.created_at, s.id AS submission_id, s.user_id, s.purpose,
               s.received_at, e.course_id,
               CASE WHEN s.id IS NULL THEN 0 WHEN s.purpose = 'REGRADE' THEN 2 ELSE 1 END AS lane
        FROM outbox_events o
        LEFT JOIN submissions s
          ON s.id = CASE WHEN o.aggregate_type = 'Submission' AND o.type = 'GradingJobRequested'
                         THEN CAST(o.aggregate_id AS uuid) END
        LEFT JOIN exercises e ON e.id = s.exercise_id
        WHERE o.published_at IS NULL
      ), turns AS (
        SELECT p.*,
               CASE WHEN p.lane = 0 THEN 0 ELSE (
                 SELECT count(*) FROM submissions h
                 WHERE h.user_id = p.user_id AND h.purpose = p.purpose
                   AND h.received_at > now() - make_interval(secs => :horizon)
                   AND h.received_at <= p.received_at) END AS user_turn
        FROM pending p
      ), ranked AS (
        SELECT t.*, row_number() OVER (PARTITION BY t.lane, t.user_turn, t.course_id
                                       ORDER BY t.received_at, t.created_at) AS course_turn
        FROM turns t
      )
      SELECT outbox_id, submission_id, lane FROM ranked
      ORDER BY lane, user_turn, course_turn, received_at, created_at
      """;

  private static final String FIFO = """
      SELECT o.id, NULL, 0 FROM outbox_events o WHERE o.published_at IS NULL
      ORDER BY o.created_at
      """;

  // With the window full, only rows outside it can go: no need to rank the whole queue.
  private static final String FREE_ONLY = """
      SELECT o.id, NULL, 0 FROM outbox_events o WHERE o.published_at IS NULL
        AND NOT (o.aggregate_type = 'Submission' AND o.type = 'GradingJobRequested')
      ORDER BY o.created_at
      """;

  // Jobs in Kafka for submissions not yet finished: only the submission's current job counts
  // (a replayed submission's earlier, published job is history).
  private static final String IN_FLIGHT = """
      SELECT count(*) FROM submissions s
      JOIN outbox_events o ON o.aggregate_type = 'Submission' AND o.aggregate_id = s.id::text
      WHERE s.status IN ('QUEUED', 'RUNNING') AND o.type = 'GradingJobRequested'
        AND o.published_at > now() - make_interval(secs => :expiry)
        AND (s.current_job_id IS NULL OR s.current_job_id = o.id)
      """;

  private final EntityManager em;
  private final QueueConfig config;

  FairQueue(EntityManager em, QueueConfig config) {
    this.em = em;
    this.config = config;
  }

  /**
   * A waiting outbox row in queue order.
   *
   * @param outboxId the row (= the job's event id)
   * @param submissionId the submission whose job it is; null for other rows
   * @param lane {@link #FREE_LANE}, 1 submissions, 2 regrades
   */
  public record Waiting(UUID outboxId, UUID submissionId, int lane) {
    public boolean windowed() {
      return lane != FREE_LANE;
    }
  }

  /**
   * The rows to publish next, in order (call inside the claiming transaction): every waiting row
   * of the free lane, then as many submissions' jobs as the dispatch window has room for; at most
   * {@code limit} in all.
   */
  public List<Waiting> next(int limit) {
    if (config.dispatchWindow() <= 0) {
      return query(FIFO, false, limit);
    }
    long room = Math.max(0, config.dispatchWindow() - inFlight());
    if (room == 0) {
      return query(FREE_ONLY, false, limit);
    }
    List<Waiting> out = new ArrayList<>();
    for (Waiting w : query(RANKED, true, limit + (int) Math.min(room, Integer.MAX_VALUE - limit))) {
      if (out.size() == limit) {
        break;
      }
      if (!w.windowed() || room > 0) {
        out.add(w);
        room -= w.windowed() ? 1 : 0;
      }
    }
    return out;
  }

  /** Every waiting row in queue order (for positions). */
  public List<Waiting> all() {
    return config.dispatchWindow() <= 0 ? query(FIFO, false, Integer.MAX_VALUE)
        : query(RANKED, true, Integer.MAX_VALUE);
  }

  /** Submissions' jobs in Kafka whose submission is not finished. */
  public long inFlight() {
    return ((Number) em.createNativeQuery(IN_FLIGHT)
        .setParameter("expiry", (double) config.inFlightExpiry().toSeconds())
        .getSingleResult()).longValue();
  }

  private List<Waiting> query(String sql, boolean ranked, int limit) {
    var q = em.createNativeQuery(sql);
    if (ranked) {
      q.setParameter("horizon", (double) config.fairnessHorizon().toSeconds());
    }
    if (limit < Integer.MAX_VALUE) {
      q.setMaxResults(limit);
    }
    List<Waiting> out = new ArrayList<>();
    for (Object row : q.getResultList()) {
      Object[] r = (Object[]) row;
      out.add(new Waiting(uuid(r[0]), r[1] == null ? null : uuid(r[1]), ((Number) r[2]).intValue()));
    }
    return out;
  }

  private static UUID uuid(Object o) {
    return o instanceof UUID u ? u : UUID.fromString(o.toString());
  }
}
