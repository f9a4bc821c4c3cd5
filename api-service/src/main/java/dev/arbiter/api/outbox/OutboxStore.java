package dev.arbiter.api.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The relay's transactions over {@code outbox_events}. */
@ApplicationScoped
class OutboxStore {

  private static final int MAX_ERROR_LENGTH = 1000;

  private final EntityManager em;

  OutboxStore(EntityManager em) {
    this.em = em;
  }

  /**
   * What one claim-send-mark round did.
   *
   * @param claimed rows claimed
   * @param published rows the broker acknowledged (now marked published)
   */
  record Batch(int claimed, int published) {
    boolean failed() {
      return published < claimed;
    }
  }

  /**
   * Claims up to {@code limit} unpublished rows (skipping rows another relay holds), sends each,
   * waits for the broker's acknowledgements and marks the acknowledged rows published, all in one
   * transaction: a crash before commit leaves the rows unpublished, so they are sent again
   * (at-least-once; consumers deduplicate on the event id).
   */
  @Transactional
  Batch publish(int limit, Function<OutboxEvent, CompletableFuture<Void>> send,
      Duration ackTimeout) {
    @SuppressWarnings("unchecked")
    List<OutboxEvent> rows = em.createNativeQuery(
            "SELECT * FROM outbox_events WHERE published_at IS NULL ORDER BY created_at"
                + " LIMIT :limit FOR UPDATE SKIP LOCKED", OutboxEvent.class)
        .setParameter("limit", limit)
        .getResultList();
    if (rows.isEmpty()) {
      return new Batch(0, 0);
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
    for (OutboxEvent row : rows) {
      CompletableFuture<Void> ack;
      try {
        ack = send.apply(row);
      } catch (RuntimeException e) {
        ack = CompletableFuture.failedFuture(e);
      }
      acks.add(ack);
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    int published = 0;
    for (int i = 0; i < rows.size(); i++) {
      OutboxEvent row = rows.get(i);
      row.attempts++;
      try {
        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        row.publishedAt = Instant.now();
        row.lastError = null;
        published++;
      } catch (ExecutionException e) {
        row.lastError = describe(e.getCause());
      } catch (TimeoutException e) {
        row.lastError = "no broker acknowledgement within " + ackTimeout;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        row.lastError = "relay interrupted";
      }
    }
    return new Batch(rows.size(), published);
  }

  @Transactional
  long backlog() {
    return ((Number) em.createNativeQuery(
        "SELECT count(*) FROM outbox_events WHERE published_at IS NULL").getSingleResult())
        .longValue();
  }

  private static String describe(Throwable t) {
    String s = t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    return s.length() > MAX_ERROR_LENGTH ? s.substring(0, MAX_ERROR_LENGTH) : s;
  }
}
