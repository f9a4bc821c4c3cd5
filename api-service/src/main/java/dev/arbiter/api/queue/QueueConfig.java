package dev.arbiter.api.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The grading queue: fair dispatch, positions and estimates ({@code arbiter.queue.*}). */
@ConfigMapping(prefix = "arbiter.queue")
public interface QueueConfig {

  /**
   * Grading jobs of submissions dispatched to Kafka and not yet finished, at most. The rest wait
   * in PostgreSQL, where the relay can still choose them in fair order; once in Kafka a job is
   * first come, first served. Keep it at least twice the sum of all workers' concurrency, or
   * workers idle between dispatches. 0 dispatches every job at once, oldest first (no fairness).
   */
  @WithDefault("64")
  int dispatchWindow();

  /**
   * A dispatched job whose submission is still unfinished after this long no longer holds a slot
   * of the dispatch window: it is presumed stuck (its result was refused or lost), and must not
   * shrink the window for everyone. Longer than the slowest legitimate run plus its wait in Kafka.
   */
  @WithDefault("30m")
  Duration inFlightExpiry();

  /**
   * How far back a student's own submissions count towards their turn: the n-th submission of a
   * student within this time waits behind every other student's (n-1)-th.
   */
  @WithDefault("30m")
  Duration fairnessHorizon();

  /** Gradings counted for the measured throughput behind {@code etaSeconds}. */
  @WithDefault("2m")
  Duration throughputWindow();

  /**
   * How long one reading of the queue (positions, depths, throughput) is reused: reads of many
   * waiting students' pages cost one query a second, not one each.
   */
  @WithDefault("1s")
  Duration snapshotTtl();
}
