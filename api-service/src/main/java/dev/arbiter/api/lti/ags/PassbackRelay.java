package dev.arbiter.api.lti.ags;

import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.PlatformCallFailed;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Sends owed scores to LMS gradebooks: claims due rows, posts each student's current score, and
 * records the outcome. Runs on every instance; rows are claimed with SKIP LOCKED and a lease.
 */
@ApplicationScoped
public class PassbackRelay {

  private final PassbackStore store;
  private final ScorePoster poster;
  private final LtiConfig config;

  PassbackRelay(PassbackStore store, ScorePoster poster, LtiConfig config) {
    this.store = store;
    this.poster = poster;
    this.config = config;
  }

  @Scheduled(
      every = "${arbiter.lti.passback.poll-interval:2s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void relay() {
    sendDue();
  }

  /** @return how many scores the LMSs accepted in this run */
  public int sendDue() {
    List<PassbackStore.Claim> claims = store.claimDue(config.passback().batchSize());
    int sent = 0;
    for (PassbackStore.Claim c : claims) {
      try {
        poster.post(
            c.platform(),
            c.lineItemUrl(),
            new Score(c.subject(), c.grade().score(), c.grade().maxScore(), c.timestamp(), null));
        store.sent(c);
        sent++;
        Log.infof(
            "LTI passback %s sent: submission %s score %s/%s",
            c.passbackId(), c.grade().submissionId(), c.grade().score(), c.grade().maxScore());
      } catch (PlatformCallFailed e) {
        store.failed(c, e);
        Log.warnf("LTI passback %s not accepted: %s", c.passbackId(), e.getMessage());
      } catch (RuntimeException e) {
        store.failed(c, new PlatformCallFailed("passback failed: " + e.getClass().getSimpleName(), e));
        Log.errorf(e, "LTI passback %s failed", c.passbackId());
      }
    }
    return sent;
  }
}
