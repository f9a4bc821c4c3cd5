package dev.arbiter.api.submission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubmissionRateLimiterTest {

  private static SubmissionRateLimiter limiter(int submissions, Duration window) {
    return new SubmissionRateLimiter(new SubmissionConfig() {
      public int maxBytes() {
        return 0;
      }

      public int maxFiles() {
        return 0;
      }

      public int maxIdempotencyKeyLength() {
        return 0;
      }

      public int maxWaiting() {
        return 0;
      }

      public RateLimit rateLimit() {
        return new RateLimit() {
          public int submissions() {
            return submissions;
          }

          public Duration window() {
            return window;
          }
        };
      }
    });
  }

  @Test
  void allowsABurstOfTheLimitThenAsksToWait() {
    var limiter = limiter(3, Duration.ofHours(1));
    UUID user = UUID.randomUUID();

    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.acquire(user).isEmpty());
    }
    var wait = limiter.acquire(user);

    assertTrue(wait.isPresent());
    assertTrue(wait.get().compareTo(Duration.ofMinutes(15)) > 0, wait.get().toString());
  }

  @Test
  void usersHaveSeparateBuckets() {
    var limiter = limiter(1, Duration.ofHours(1));

    assertTrue(limiter.acquire(UUID.randomUUID()).isEmpty());
    assertTrue(limiter.acquire(UUID.randomUUID()).isEmpty());
  }

  @Test
  void zeroTurnsTheLimitOff() {
    var limiter = limiter(0, Duration.ofHours(1));
    UUID user = UUID.randomUUID();

    for (int i = 0; i < 100; i++) {
      assertFalse(limiter.acquire(user).isPresent());
    }
  }
}
