package dev.arbiter.api.outbox;

import dev.arbiter.api.queue.JobFinished;
import dev.arbiter.common.job.Channels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes outbox rows to Kafka on a thread of its own, never inside an HTTP request. It wakes
 * right after a transaction that wrote a row commits (the latency path), polls as a fallback, and
 * backs off exponentially while Kafka or the database is down; rows stay unpublished until the
 * broker acknowledges them, so an outage delays jobs but loses none.
 */
@ApplicationScoped
public class OutboxRelay {

  private final OutboxStore store;
  private final OutboxConfig config;
  private final Emitter<String> jobs;
  private final Semaphore signal = new Semaphore(0);
  private final AtomicLong backlog = new AtomicLong();
  private final Counter published;
  private final Counter failures;
  private volatile boolean running;
  private Thread thread;
  private long nextBacklogRefresh;

  OutboxRelay(OutboxStore store, OutboxConfig config,
      @Channel(Channels.GRADING_JOBS) Emitter<String> jobs, MeterRegistry registry) {
    this.store = store;
    this.config = config;
    this.jobs = jobs;
    Gauge.builder("arbiter.outbox.backlog", backlog, AtomicLong::get)
        .description("Outbox rows not yet acknowledged by Kafka").register(registry);
    this.published = Counter.builder("arbiter.outbox.published")
        .description("Outbox rows acknowledged by Kafka").register(registry);
    this.failures = Counter.builder("arbiter.outbox.send.failures")
        .description("Outbox rows whose send failed (retried later)").register(registry);
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      Log.info("outbox relay disabled (arbiter.outbox.enabled=false)");
      return;
    }
    running = true;
    thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** After a commit that wrote outbox rows: publish now rather than at the next poll. */
  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended event) {
    wake();
  }

  /** A finished submission frees a slot in the dispatch window: fill it now. */
  void slotFreed(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobFinished event) {
    wake();
  }

  /** Asks the relay to look for rows now. */
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  private void run() {
    Duration backoff = Duration.ZERO;
    while (running) {
      try {
        OutboxStore.Batch batch = store.publish(config.batchSize(), this::send,
            config.ackTimeout());
        published.increment(batch.published());
        refreshBacklog();
        if (batch.failed()) {
          failures.increment(batch.claimed() - batch.published());
          backoff = next(backoff);
          Log.warnf("outbox: %d of %d rows not acknowledged; retrying in %s",
              batch.claimed() - batch.published(), batch.claimed(), backoff);
          pause(backoff);
          continue;
        }
        backoff = Duration.ZERO;
        if (batch.claimed() == config.batchSize()) {
          continue;
        }
        signal.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        backoff = next(backoff);
        Log.warnf("outbox: relay round failed (%s); retrying in %s", e.toString(), backoff);
        try {
          pause(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private CompletableFuture<Void> send(OutboxEvent row) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    RecordHeaders headers = new RecordHeaders();
    headers.add("id", row.id.toString().getBytes(StandardCharsets.UTF_8));
    headers.add("type", row.type.getBytes(StandardCharsets.UTF_8));
    Message<String> message = Message.of(row.payload)
        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(row.aggregateId).withHeaders(headers).build())
        .withAck(() -> {
          ack.complete(null);
          return CompletableFuture.completedFuture(null);
        })
        .withNack(t -> {
          ack.completeExceptionally(t);
          return CompletableFuture.completedFuture(null);
        });
    jobs.send(message);
    return ack;
  }

  private void refreshBacklog() {
    long now = System.nanoTime();
    if (now - nextBacklogRefresh >= 0) {
      backlog.set(store.backlog());
      nextBacklogRefresh = now + config.backlogRefresh().toNanos();
    }
  }

  private Duration next(Duration backoff) {
    if (backoff.isZero()) {
      return config.initialBackoff();
    }
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
  }

  /** Sleeps through commit signals: during an outage each new submission must not force a send. */
  private void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
    signal.drainPermits();
  }
}
