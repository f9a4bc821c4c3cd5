package dev.arbiter.api.web.instructor;

import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.WireFormat;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the results topic in a consumer group of its own and keeps the events about dry runs.
 * The core's results consumer ignores ids it does not know, so the two never contend; a dry run
 * is not a submission and must never reach the grade tables.
 */
@ApplicationScoped
public class DryRunResults {

  /** Channel on the results topic, group {@code <core group>-web-dry-runs}. */
  static final String CHANNEL = "web-dry-run-results";

  private final DryRuns dryRuns;

  DryRunResults(DryRuns dryRuns) {
    this.dryRuns = dryRuns;
  }

  /**
   * Acknowledged after the method returns, i.e. after the dry run's transaction commits. A dry
   * run is an instructor's preview, not a grade: if storing fails (database down), the failure is
   * logged and the run stays queued on the page, where the instructor can start it again
   * ({@code failure-strategy=ignore}), rather than stopping this channel for everyone.
   */
  @Incoming(CHANNEL)
  @Blocking
  public void onResult(String payload) throws Exception {
    GradingResultEvent event;
    try {
      event = WireFormat.mapper().readValue(payload, GradingResultEvent.class);
    } catch (Exception e) {
      Log.warn("results topic: a message that is not a result event was skipped");
      return;
    }
    dryRuns.apply(event);
  }
}
