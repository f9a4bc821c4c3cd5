package dev.arbiter.api.health;

import dev.arbiter.api.queue.QueueService;
import dev.arbiter.api.queue.QueueSnapshot;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Kafka, as readiness sees it. The api-service stays ready while the broker is away: accepting a
 * submission is only a PostgreSQL write (the outbox), so taking the API out of service during a
 * broker outage would turn a delay into an outage. The check therefore reports UP, and says in
 * its data whether the broker answers and how much waits to be published, for operators and
 * alerts ({@code arbiter_outbox_backlog}, {@code arbiter_submissions_queued}). PostgreSQL, which
 * the API cannot work without, is Quarkus' own datasource readiness check: DOWN when unreachable.
 */
@Readiness
@ApplicationScoped
public class BrokerCheck implements HealthCheck {

  private static final Duration ASK_AT_MOST_EVERY = Duration.ofSeconds(5);
  private static final long ANSWER_WITHIN_MS = 2_000;

  private final String bootstrapServers;
  private final QueueService queue;
  private Admin admin;
  private Instant askedAt = Instant.EPOCH;
  private boolean reachable;

  BrokerCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      QueueService queue) {
    this.bootstrapServers = bootstrapServers;
    this.queue = queue;
  }

  @Override
  public HealthCheckResponse call() {
    QueueSnapshot q = queue.current();
    return HealthCheckResponse.named("kafka")
        .up()
        .withData("broker", brokerAnswers() ? "reachable" : "unreachable")
        .withData("submissionsQueued", q.queued())
        .withData("heldInPostgres", q.waiting())
        .build();
  }

  /** Asks the broker for its cluster id, at most every few seconds (probes come often). */
  private synchronized boolean brokerAnswers() {
    if (Duration.between(askedAt, Instant.now()).compareTo(ASK_AT_MOST_EVERY) < 0) {
      return reachable;
    }
    askedAt = Instant.now();
    try {
      reachable = admin().describeCluster().clusterId().get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
          != null;
    } catch (Exception e) {
      reachable = false;
    }
    return reachable;
  }

  private Admin admin() {
    if (admin == null) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_WITHIN_MS);
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_WITHIN_MS);
      p.put(AdminClientConfig.CLIENT_ID_CONFIG, "arbiter-api-health");
      admin = Admin.create(p);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
