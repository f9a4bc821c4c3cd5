package dev.arbiter.api.submission;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user: {@code submissions} new submissions per {@code window}, refilled
 * continuously, so a burst is allowed but a flood is not. Counted per api-service instance.
 */
@ApplicationScoped
public class SubmissionRateLimiter {

  private static final int PRUNE_ABOVE = 10_000;

  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
  private final int capacity;
  private final double tokensPerNano;

  SubmissionRateLimiter(SubmissionConfig config) {
    this.capacity = config.rateLimit().submissions();
    this.tokensPerNano = capacity / (double) config.rateLimit().window().toNanos();
  }

  /** Takes one token; empty when allowed, else how long until one is available. */
  public Optional<Duration> acquire(UUID userId) {
    if (capacity <= 0) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> b.full(now));
    }
    return buckets.computeIfAbsent(userId, id -> new Bucket(now)).take(now);
  }

  private final class Bucket {
    private double tokens = capacity;
    private long updated;

    Bucket(long now) {
      this.updated = now;
    }

    synchronized Optional<Duration> take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
      updated = now;
    }
  }
}
