package dev.arbiter.api.queue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One reading of the grading queue.
 *
 * @param takenAt when it was read
 * @param positions queued submission → its place in line (1 = next to start)
 * @param waiting queued submissions held in PostgreSQL by the dispatch window (not yet in Kafka)
 * @param dispatched queued submissions whose job is in Kafka but not yet started
 * @param running submissions a worker is grading
 * @param gradedPerSecond finished submissions per second over the throughput window
 */
public record QueueSnapshot(Instant takenAt, Map<UUID, Long> positions, long waiting,
    long dispatched, long running, double gradedPerSecond) {

  static final QueueSnapshot EMPTY = new QueueSnapshot(Instant.EPOCH, Map.of(), 0, 0, 0, 0);

  /** Submissions waiting to start, in PostgreSQL or in Kafka. */
  public long queued() {
    return waiting + dispatched;
  }

  /**
   * Seconds until a submission at {@code position} should be graded, from the measured throughput;
   * null while nothing was graded in the window (no measurement, no guess).
   */
  public Long etaSeconds(long position) {
    if (gradedPerSecond <= 0) {
      return null;
    }
    return (long) Math.ceil(position / gradedPerSecond);
  }
}
