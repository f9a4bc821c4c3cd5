package dev.arbiter.api.lti.ags;

import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.PlatformCallFailed;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Compares what we believe the LMS holds with what it shows (AGS result service) and owes again
 * every score it does not show — an LMS that answered 200 and dropped the score, or a teacher who
 * cleared a grade cell. Failed passbacks get another round of attempts.
 */
@ApplicationScoped
public class PassbackReconciler {

  private final PassbackStore store;
  private final ScorePoster poster;
  private final LtiConfig config;

  PassbackReconciler(PassbackStore store, ScorePoster poster, LtiConfig config) {
    this.store = store;
    this.poster = poster;
    this.config = config;
  }

  @Scheduled(
      every = "${arbiter.lti.passback.reconcile-interval:1h}",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    reconcile();
  }

  /** @return how many scores were owed again */
  public int reconcile() {
    int requeued = store.requeueFailed();
    for (PassbackStore.Sent s : store.sentRows(config.passback().batchSize() * 20)) {
      try {
        boolean shown =
            poster
                .result(s.platform(), s.lineItemUrl(), s.subject())
                .map(r -> r.shows(s.scoreGiven(), s.scoreMaximum()))
                .orElse(false);
        if (!shown) {
          store.requeue(s.passbackId(), "reconciliation: the LMS does not show the sent score");
          requeued++;
        }
      } catch (PlatformCallFailed e) {
        // Reading results is best effort (not every LMS grants result.readonly); sending is not.
        Log.debugf("LTI reconciliation could not read results for %s: %s", s.passbackId(), e.getMessage());
      }
    }
    if (requeued > 0) {
      Log.infof("LTI reconciliation owes %d score(s) again", requeued);
    }
    return requeued;
  }
}
