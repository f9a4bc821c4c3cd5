package dev.arbiter.api.web.student;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * "Position 3 in the queue, about 2 s": how many jobs arrived before a queued one and are still
 * waiting, and the median run time of recent jobs. Workers share one queue, so the position
 * counts every exercise; the estimate is position × median and is shown as "about".
 */
@ApplicationScoped
public class QueueEstimates {

  /** Recent graded submissions that make the median. */
  static final int SAMPLE = 50;

  private final EntityManager em;

  QueueEstimates(EntityManager em) {
    this.em = em;
  }

  /**
   * Estimate for a queued job.
   *
   * @param position 1 = next to run
   * @param etaSeconds estimated wait, 0 when there is no history yet
   */
  public record Estimate(long position, long etaSeconds) {}

  @Transactional
  public Estimate of(Instant receivedAt) {
    long ahead = ((Number) em.createNativeQuery(
            "SELECT count(*) FROM submissions WHERE status = 'QUEUED' AND received_at < ?1")
        .setParameter(1, receivedAt).getSingleResult()).longValue();
    Object median = em.createNativeQuery(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM ("
                + " SELECT extract(epoch FROM graded_at - coalesce(started_at, received_at)) AS secs"
                + " FROM submissions WHERE status = 'GRADED' AND graded_at IS NOT NULL"
                + " ORDER BY graded_at DESC LIMIT " + SAMPLE + ") recent")
        .getSingleResult();
    long position = ahead + 1;
    double perJob = median == null ? 0 : ((Number) median).doubleValue();
    return new Estimate(position, (long) Math.ceil(perJob * position));
  }
}
