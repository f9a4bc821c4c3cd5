package dev.arbiter.api.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real Kafka broker (started idempotently by {@code scripts/kafka.sh}), with topics and a
 * consumer group of this test run's own so concurrent runs never read each other's messages.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  public static final String JOBS_TOPIC = "grading.jobs." + TestRun.ID;
  public static final String RESULTS_TOPIC = "grading.results." + TestRun.ID;
  public static final String RESULTS_DLQ_TOPIC = "grading.results.dlq." + TestRun.ID;
  public static final String GROUP_ID = "arbiter-api-" + TestRun.ID;

  private static String bootstrapServers;

  @Override
  public Map<String, String> start() {
    Scripts.run("kafka.sh", "start");
    bootstrapServers = Scripts.run("kafka.sh", "bootstrap");
    return Map.of(
        "kafka.bootstrap.servers", bootstrapServers,
        "mp.messaging.outgoing.grading-jobs.topic", JOBS_TOPIC,
        "mp.messaging.incoming.grading-results.topic", RESULTS_TOPIC,
        "mp.messaging.incoming.grading-results.group.id", GROUP_ID,
        "mp.messaging.incoming.grading-results.dead-letter-queue.topic", RESULTS_DLQ_TOPIC);
  }

  @Override
  public void stop() {
    // The broker is shared with other engineers' runs and stays up; only this run's topics go.
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
      admin.deleteTopics(List.of(JOBS_TOPIC, RESULTS_TOPIC, RESULTS_DLQ_TOPIC)).all()
          .get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: a leftover test topic harms nobody
    }
  }

  public static String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the shared broker; callers restart it with {@link #startBroker()} in a finally. */
  public static void stopBroker() {
    Scripts.run("kafka.sh", "stop");
  }

  public static void startBroker() {
    Scripts.run("kafka.sh", "start");
  }
}
