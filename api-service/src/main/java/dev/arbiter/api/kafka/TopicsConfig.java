package dev.arbiter.api.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Creating the service's Kafka topics at start ({@code arbiter.kafka.*}). */
@ConfigMapping(prefix = "arbiter.kafka")
public interface TopicsConfig {

  /**
   * Create missing topics at start. Relying on broker auto-creation instead delays the first job
   * until the broker has created the topic (seconds on a busy broker), and partitions would
   * follow the broker's default.
   */
  @WithDefault("true")
  boolean createTopics();

  /** Partitions of a created topic: the upper bound on parallel workers of one consumer group. */
  @WithDefault("6")
  int partitions();

  /** Replication factor of a created topic (1 only for a single local broker). */
  @WithDefault("1")
  short replicationFactor();

  /** Longest wait for the broker at start; the service starts anyway (the relay retries). */
  @WithDefault("10s")
  Duration timeout();
}
