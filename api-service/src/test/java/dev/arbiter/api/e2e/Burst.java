package dev.arbiter.api.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deadline traffic: many students submitting at a steady rate, each POST behaving like a careful
 * client. A submission counts as accepted only when the API answered 202. Until then the client
 * retries with the same {@code Idempotency-Key} (CONTRACT.md): after a 503 or 429 it waits what
 * {@code Retry-After} says, after a refused or cut connection (the api-service is down) a moment.
 * So a POST whose 202 was lost to a crash is not submitted twice, and a 503 is never a loss.
 */
final class Burst implements AutoCloseable {

  /** A submission the API accepted, and whose token may read it. */
  record Accepted(String id, String token) {}

  /** An answer that was neither 202 nor a reason to retry: the test shows it. */
  record Refused(int status, String body) {}

  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
  private static final long MAX_RETRY_WAIT_MS = 2_000;

  private final HttpApi api;
  private final String exerciseId;
  private final List<String> studentTokens;
  private final Map<String, String> files;
  private final ExecutorService pool;
  private final List<Future<?>> tasks = new ArrayList<>();
  private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
  private final List<Refused> refused = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
  private final AtomicInteger connectionFailures = new AtomicInteger();

  /**
   * Starts submitting {@code count} copies of {@code files} to {@code exerciseId}, round robin over
   * the students, at about {@code perSecond} submissions a second.
   */
  static Burst start(HttpApi api, String exerciseId, List<String> studentTokens,
      Map<String, String> files, int count, double perSecond) {
    Burst burst = new Burst(api, exerciseId, studentTokens, files);
    long gapNanos = (long) (1e9 / perSecond);
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      final int n = i;
      final long notBefore = t0 + n * gapNanos;
      burst.tasks.add(burst.pool.submit(() -> {
        sleepUntil(notBefore);
        burst.submit(studentTokens.get(n % studentTokens.size()));
        return null;
      }));
    }
    return burst;
  }

  private Burst(HttpApi api, String exerciseId, List<String> studentTokens, Map<String, String> files) {
    this.api = api;
    this.exerciseId = exerciseId;
    this.studentTokens = List.copyOf(studentTokens);
    this.files = Map.copyOf(files);
    // Enough clients in flight that a slow answer does not slow the arrival rate.
    this.pool = Executors.newFixedThreadPool(24);
  }

  private void submit(String token) throws InterruptedException {
    String key = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (System.nanoTime() < deadline) {
      HttpApi.Reply r;
      try {
        r = api.call("POST", "/api/v1/exercises/" + exerciseId + "/submissions", token,
            Map.of("files", files), Map.of("Idempotency-Key", key));
      } catch (IOException e) {
        connectionFailures.incrementAndGet();
        Thread.sleep(250);
        continue;
      }
      if (r.status() == 202) {
        accepted.add(new Accepted(r.body().get("id").asText(), token));
        return;
      }
      if (r.status() == 503 || r.status() == 429) {
        if (r.status() == 503) {
          unavailable.incrementAndGet();
        }
        String retryAfter = r.header("Retry-After");
        if (retryAfter == null || !retryAfter.matches("\\d+")) {
          if (r.status() == 503) {
            unavailableWithoutRetryAfter.incrementAndGet();
          }
          Thread.sleep(250);
        } else {
          Thread.sleep(Math.min(MAX_RETRY_WAIT_MS, Long.parseLong(retryAfter) * 1000));
        }
        continue;
      }
      refused.add(new Refused(r.status(), r.raw().body()));
      return;
    }
    refused.add(new Refused(0, "no 202 within " + GIVE_UP_AFTER));
  }

  /** Waits until every POST has its final answer, then returns the accepted submissions. */
  List<Accepted> awaitSubmitted() throws Exception {
    for (Future<?> f : tasks) {
      f.get(GIVE_UP_AFTER.toMinutes() + 1, TimeUnit.MINUTES);
    }
    return List.copyOf(accepted);
  }

  /** Accepted so far (the burst may still be going). */
  int acceptedSoFar() {
    return accepted.size();
  }

  List<Refused> refused() {
    return List.copyOf(refused);
  }

  /** 503 answers seen by the students' clients. */
  int unavailableAnswers() {
    return unavailable.get();
  }

  /** 503 answers without a numeric {@code Retry-After}: each one breaks the contract. */
  int unavailableAnswersWithoutRetryAfter() {
    return unavailableWithoutRetryAfter.get();
  }

  /** Requests that found no api-service listening or lost their connection. */
  int connectionFailures() {
    return connectionFailures.get();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
