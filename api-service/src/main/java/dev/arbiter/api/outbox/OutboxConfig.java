package dev.arbiter.api.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Outbox relay settings ({@code arbiter.outbox.*}). */
@ConfigMapping(prefix = "arbiter.outbox")
public interface OutboxConfig {

  /** Run the relay in this instance. Several instances may all relay: rows are claimed with SKIP LOCKED. */
  @WithDefault("true")
  boolean enabled();

  /** Most rows claimed and sent per transaction. */
  @WithDefault("100")
  int batchSize();

  /**
   * Fallback poll when no commit signal arrives (rows written by another instance, or a signal lost
   * in a crash). Commits in this instance wake the relay at once.
   */
  @WithDefault("500ms")
  Duration pollInterval();

  /** First pause after a failed send or database error; doubles up to {@link #maxBackoff()}. */
  @WithDefault("250ms")
  Duration initialBackoff();

  /** Longest pause between attempts while Kafka or the database is down. */
  @WithDefault("10s")
  Duration maxBackoff();

  /**
   * Longest wait for the broker's acknowledgement of a batch; longer than the producer's
   * {@code delivery.timeout.ms} so the producer's own verdict normally arrives first.
   */
  @WithDefault("20s")
  Duration ackTimeout();

  /** How often the backlog gauge is refreshed from the database. */
  @WithDefault("1s")
  Duration backlogRefresh();
}
