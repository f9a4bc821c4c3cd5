package dev.arbiter.api.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arbiter.api.problem.DatabaseOutage;
import dev.arbiter.common.job.Channels;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobStarted;
import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.WireFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

/**
 * Reads {@code grading.results}. The record is acknowledged (its offset committed) only after the
 * effect committed; while the database is unreachable the same record is retried with backoff,
 * so an outage delays results but neither loses nor skips one. Records that can never be stored
 * (unparseable, unknown submission) are logged and acknowledged so they cannot block the
 * partition.
 */
@ApplicationScoped
public class ResultsConsumer {

  /** MDC key of the submission a log line is about (shown by the console log format). */
  public static final String SUBMISSION_MDC = "submissionId";

  private final ResultStore store;
  private final ResultsConfig config;
  private final MeterRegistry registry;

  ResultsConsumer(ResultStore store, ResultsConfig config, MeterRegistry registry) {
    this.store = store;
    this.config = config;
    this.registry = registry;
  }

  @Incoming(Channels.GRADING_RESULTS)
  @Blocking
  public void consume(String json) throws InterruptedException {
    GradingResultEvent event;
    try {
      event = WireFormat.mapper().readValue(json, GradingResultEvent.class);
    } catch (JsonProcessingException e) {
      Log.errorf("unreadable result event skipped: %s", e.getOriginalMessage());
      registry.counter("arbiter.results.unreadable").increment();
      return;
    }
    MDC.put(SUBMISSION_MDC, event.submissionId());
    try {
      applyUntilStored(event);
    } finally {
      MDC.remove(SUBMISSION_MDC);
    }
  }

  private void applyUntilStored(GradingResultEvent event) throws InterruptedException {
    Duration backoff = config.initialBackoff();
    while (true) {
      try {
        apply(event);
        registry.counter("arbiter.results.applied", "type",
            event.getClass().getSimpleName()).increment();
        return;
      } catch (RuntimeException e) {
        if (!DatabaseOutage.isCause(e)) {
          // Not transient: retrying would block the partition forever. The channel's failure
          // strategy parks the record on the dead-letter topic for a human.
          Log.errorf(e, "storing %s of submission %s failed", event.eventId(),
              event.submissionId());
          throw e;
        }
        Log.warnf("database unavailable storing %s of submission %s; retrying in %s",
            event.eventId(), event.submissionId(), backoff);
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0
            ? config.maxBackoff() : backoff.multipliedBy(2);
      }
    }
  }

  private void apply(GradingResultEvent event) {
    if (event instanceof GradingJobCompleted completed) {
      store.completed(completed);
    } else if (event instanceof GradingJobStarted started) {
      store.started(started);
    }
  }
}
