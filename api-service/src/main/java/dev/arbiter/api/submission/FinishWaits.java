package dev.arbiter.api.submission;

import dev.arbiter.api.queue.JobFinished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Lets a request wait for a submission to finish instead of polling for it. A result stored by
 * this instance wakes its waiters at once; one stored by another instance is seen by looking
 * again every second.
 */
@ApplicationScoped
public class FinishWaits {

  static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

  private final ConcurrentHashMap<UUID, CompletableFuture<Void>> finishing = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final int maxWaiting;

  FinishWaits(SubmissionConfig config) {
    this.maxWaiting = config.maxWaiting();
  }

  void finished(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobFinished event) {
    CompletableFuture<Void> f = finishing.remove(event.submissionId());
    if (f != null) {
      f.complete(null);
    }
  }

  /**
   * Waits until {@code isFinal} holds or {@code max} has passed; at once when too many wait.
   *
   * @param isFinal reads the submission's state (called after registering, so no finish is missed)
   */
  public void await(UUID submissionId, Duration max, BooleanSupplier isFinal) {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return;
    }
    try {
      long deadline = System.nanoTime() + max.toNanos();
      while (true) {
        CompletableFuture<Void> f = finishing.computeIfAbsent(submissionId, id -> new CompletableFuture<>());
        if (isFinal.getAsBoolean()) {
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          f.get(Math.min(left, LOOK_AGAIN.toNanos()), TimeUnit.NANOSECONDS);
          return;
        } catch (TimeoutException e) {
          // look again: another instance may have stored the result
        } catch (ExecutionException e) {
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      waiting.decrementAndGet();
    }
  }
}
