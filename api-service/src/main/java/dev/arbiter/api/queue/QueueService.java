package dev.arbiter.api.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Where each queued submission stands, how deep the queue is and how fast it drains. Read from
 * PostgreSQL (the one place every api-service instance shares), at most once per {@link
 * QueueConfig#snapshotTtl()}, and exported as Prometheus gauges.
 */
@ApplicationScoped
public class QueueService {

  /** Shortest time a throughput is measured over: one grading a moment ago is not 1000/s. */
  private static final double MIN_SPAN_SECONDS = 10;

  /**
   * A submission's receivedAt is set before its transaction commits: a reading that began less
   * than this after it may not see it yet.
   */
  private static final Duration COMMIT_MARGIN = Duration.ofSeconds(2);

  private final EntityManager em;
  private final FairQueue fairQueue;
  private final QueueConfig config;
  private final MeterRegistry registry;
  private volatile QueueSnapshot snapshot = QueueSnapshot.EMPTY;

  QueueService(EntityManager em, FairQueue fairQueue, QueueConfig config, MeterRegistry registry) {
    this.em = em;
    this.fairQueue = fairQueue;
    this.config = config;
    this.registry = registry;
  }

  void registerGauges(@Observes StartupEvent event) {
    gauge("arbiter.submissions.queued", "Submissions waiting to start (in PostgreSQL or Kafka)",
        QueueSnapshot::queued);
    gauge("arbiter.queue.waiting", "Queued submissions held in PostgreSQL by the dispatch window",
        QueueSnapshot::waiting);
    gauge("arbiter.queue.dispatched", "Queued submissions whose job is in Kafka, not yet started",
        QueueSnapshot::dispatched);
    gauge("arbiter.submissions.running", "Submissions a worker is grading",
        QueueSnapshot::running);
    gauge("arbiter.queue.throughput", "Submissions finished per second over the throughput window",
        QueueSnapshot::gradedPerSecond);
  }

  private void gauge(String name, String description, ToDoubleFunction<QueueSnapshot> value) {
    Gauge.builder(name, this, s -> value.applyAsDouble(s.current()))
        .description(description).register(registry);
  }

  /** Records submit→graded latency once the final status is committed. */
  void finished(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobFinished event) {
    if (event.receivedAt() == null || event.finishedAt() == null) {
      return;
    }
    Timer.builder("arbiter.submission.latency")
        .description("From the API's 202 to the stored final status")
        .tag("purpose", event.purpose().name())
        .tag("status", event.status().name())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry)
        .record(Duration.between(event.receivedAt(), event.finishedAt()));
  }

  /** The latest reading, read again when older than the snapshot TTL. */
  public QueueSnapshot current() {
    QueueSnapshot s = snapshot;
    if (fresh(s, Instant.now().minus(config.snapshotTtl()))) {
      return s;
    }
    return refresh(Instant.now().minus(config.snapshotTtl()));
  }

  /**
   * Place in line and estimated seconds to a grade of a queued submission. A reading that may
   * predate the submission (it was accepted less than {@link #COMMIT_MARGIN} before the reading
   * began) is read again: concurrent callers share that one new reading.
   */
  public Estimate estimate(UUID submissionId, Instant receivedAt) {
    QueueSnapshot s = current();
    Long position = s.positions().get(submissionId);
    if (position == null && !fresh(s, receivedAt.plus(COMMIT_MARGIN))) {
      s = refresh(receivedAt.plus(COMMIT_MARGIN));
      position = s.positions().get(submissionId);
    }
    // Not in a reading newer than itself: it just left the line (it is starting).
    long place = position == null ? 1 : position;
    return new Estimate(place, s.etaSeconds(place));
  }

  private static boolean fresh(QueueSnapshot s, Instant notBefore) {
    return s.takenAt().isAfter(notBefore);
  }

  /** Reads the queue again unless another thread already did after {@code notBefore}. */
  private synchronized QueueSnapshot refresh(Instant notBefore) {
    if (fresh(snapshot, notBefore)) {
      return snapshot;
    }
    try {
      snapshot = QuarkusTransaction.requiringNew().call(this::read);
    } catch (RuntimeException e) {
      // PostgreSQL is away: keep the last reading; requests that need the database fail anyway.
      Log.debugf("queue reading failed: %s", e.toString());
    }
    return snapshot;
  }

  /**
   * @param position 1 = next to start
   * @param etaSeconds null while there is no measured throughput
   */
  public record Estimate(long position, Long etaSeconds) {}

  private QueueSnapshot read() {
    // Taken when the reading begins: it shows nothing committed later.
    Instant started = Instant.now();
    Map<UUID, Long> positions = new HashMap<>();
    long place = 0;
    // In Kafka, not started: ahead of everything still in PostgreSQL, roughly in dispatch order.
    for (Object id : em.createNativeQuery("""
            SELECT s.id FROM submissions s
            JOIN outbox_events o ON o.aggregate_type = 'Submission' AND o.aggregate_id = s.id::text
            WHERE s.status = 'QUEUED' AND o.type = 'GradingJobRequested'
              AND o.published_at IS NOT NULL
              AND (s.current_job_id IS NULL OR s.current_job_id = o.id)
            GROUP BY s.id ORDER BY min(o.published_at), min(s.received_at)
            """).getResultList()) {
      positions.put(uuid(id), ++place);
    }
    long dispatched = place;
    long waiting = 0;
    for (FairQueue.Waiting w : fairQueue.all()) {
      place++;
      if (w.submissionId() != null && positions.putIfAbsent(w.submissionId(), place) == null) {
        waiting++;
      }
    }
    long running = ((Number) em.createNativeQuery(
        "SELECT count(*) FROM submissions WHERE status = 'RUNNING'").getSingleResult()).longValue();
    // Finished per second since the oldest finish in the window (at least MIN_SPAN): right away
    // after a quiet spell, not diluted by the minutes nothing was there to grade.
    Object[] recent = (Object[]) em.createNativeQuery("""
            SELECT count(*), coalesce(extract(epoch FROM now() - min(graded_at)), 0)
            FROM submissions WHERE graded_at > now() - make_interval(secs => :w)
            """)
        .setParameter("w", (double) config.throughputWindow().toSeconds())
        .getSingleResult();
    long finished = ((Number) recent[0]).longValue();
    double span = Math.max(MIN_SPAN_SECONDS, ((Number) recent[1]).doubleValue());
    double perSecond = finished / span;
    return new QueueSnapshot(started, Map.copyOf(positions), waiting, dispatched, running,
        perSecond);
  }

  private static UUID uuid(Object o) {
    return o instanceof UUID u ? u : UUID.fromString(o.toString());
  }
}
