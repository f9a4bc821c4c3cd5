package dev.arbiter.worker.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.common.job.Channels;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.GradingJobStarted;
import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.SubmissionStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * Takes grading jobs from Kafka. The job's offset is acknowledged only when this method returns,
 * which is after its result was acknowledged by the broker: a worker killed mid-run leaves the job
 * to be delivered again (at least once); api-service stores the first completion only.
 */
@ApplicationScoped
public class GradingJobConsumer {

  private static final Duration MAX_PUBLISH_BACKOFF = Duration.ofSeconds(10);

  private final GradingService grading;
  private final MutinyEmitter<String> results;
  private final MutinyEmitter<String> deadLetters;
  private final WorkerConfig config;
  private final MeterRegistry metrics;
  private final ObjectMapper mapper = WireFormat.mapper();
  /** Jobs taken and not yet acknowledged: what a crash of this worker would hand to another. */
  private final AtomicInteger active = new AtomicInteger();

  GradingJobConsumer(
      GradingService grading,
      @Channel(Channels.GRADING_RESULTS) MutinyEmitter<String> results,
      @Channel(Channels.GRADING_JOBS_DLQ) MutinyEmitter<String> deadLetters,
      WorkerConfig config,
      MeterRegistry metrics) {
    this.grading = grading;
    this.results = results;
    this.deadLetters = deadLetters;
    this.config = config;
    this.metrics = metrics;
    metrics.gauge("arbiter.jobs.active", active);
  }

  @Incoming(Channels.GRADING_JOBS)
  @Blocking(value = "grading", ordered = false)
  public void consume(String payload) {
    GradingJobRequested job;
    try {
      job = mapper.readValue(payload, GradingJobRequested.class);
      if (job.submissionId() == null || job.suite() == null || job.files() == null
          || job.limits() == null) {
        throw new IllegalArgumentException("job lacks submission, suite, files or limits");
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // A message no worker can read must not block the partition or crash-loop the worker.
      metrics.counter("arbiter.jobs.dead_letters", "reason", "unreadable").increment();
      Log.errorf("unreadable job sent to the dead-letter topic: %s", e.getClass().getSimpleName());
      publish(deadLetters, null, payload);
      return;
    }
    MDC.put("submissionId", job.submissionId());
    active.incrementAndGet();
    try {
      Instant started = Instant.now();
      Log.infof("grading started (suite v%d, %d tests)", job.suiteVersion(), job.suite().tests().size());
      // Informational only: the completion below is what counts, so it is not awaited.
      results.sendMessageAndForget(keyed(job.submissionId(), json(new GradingJobStarted(
          UUID.randomUUID().toString(), GradingJobRequested.SCHEMA_VERSION, job.eventId(),
          job.submissionId(), grading.workerId(), started))));
      GradingJobCompleted done = grading.grade(job, started);
      if (done.outcome() == SubmissionStatus.FAILED_INFRA) {
        metrics.counter("arbiter.jobs.dead_letters", "reason", "platform").increment();
        publish(deadLetters, job.submissionId(), payload);
      }
      publish(results, job.submissionId(), json(done));
      metrics.counter("arbiter.jobs.completed", "outcome", done.outcome().name()).increment();
      Log.infof("grading %s: score %.2f/%.2f in %d attempt(s)", done.outcome(), done.score(),
          done.maxScore(), done.attempts());
    } finally {
      active.decrementAndGet();
      MDC.remove("submissionId");
    }
  }

  /** Sends and waits for the broker's ack, retrying while Kafka is away: the job stays unacked. */
  private void publish(MutinyEmitter<String> emitter, String key, String payload) {
    Duration backoff = Duration.ofMillis(200);
    while (true) {
      try {
        emitter.sendMessage(keyed(key, payload)).await().atMost(config.publishTimeout());
        return;
      } catch (RuntimeException e) {
        Log.warnf("publishing failed, retrying in %d ms: %s", backoff.toMillis(), e.getMessage());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while publishing", ie);
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_PUBLISH_BACKOFF) > 0
            ? MAX_PUBLISH_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  private static Message<String> keyed(String key, String payload) {
    Message<String> m = Message.of(payload);
    return key == null ? m
        : m.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
  }

  private String json(GradingResultEvent event) {
    try {
      return mapper.writerFor(GradingResultEvent.class).writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("result not serialisable", e);
    }
  }
}
