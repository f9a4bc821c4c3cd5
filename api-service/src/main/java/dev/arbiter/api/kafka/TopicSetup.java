package dev.arbiter.api.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the jobs, results and dead-letter topics if they are missing. A broker that is down at
 * start is logged, not fatal: submissions are still accepted and the relay publishes later.
 */
@ApplicationScoped
public class TopicSetup {

  private final TopicsConfig config;
  private final String bootstrapServers;
  private final List<String> topics;

  // The channels' topic names are the messaging configuration's own keys; reading them here keeps
  // one source of truth for which topics exist.
  TopicSetup(TopicsConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "mp.messaging.outgoing.grading-jobs.topic") String jobs,
      @ConfigProperty(name = "mp.messaging.incoming.grading-results.topic") String results,
      @ConfigProperty(name = "mp.messaging.incoming.grading-results.dead-letter-queue.topic")
          String resultsDlq) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.topics = List.of(jobs, results, resultsDlq);
  }

  // Before the outbox relay starts sending (lower priority values observe first).
  void create(@Observes @Priority(10) StartupEvent event) {
    if (!config.createTopics()) {
      return;
    }
    int timeoutMs = (int) config.timeout().toMillis();
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
      var result = admin.createTopics(topics.stream()
          .map(t -> new NewTopic(t, config.partitions(), config.replicationFactor())).toList());
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
          Log.infof("created Kafka topic %s", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            Log.warnf("cannot create Kafka topic %s: %s", entry.getKey(), e.getCause().toString());
          }
        }
      }
    } catch (TimeoutException e) {
      Log.warnf("Kafka did not answer within %s; topics not checked", config.timeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      Log.warnf("cannot check Kafka topics: %s", e.toString());
    }
  }
}
