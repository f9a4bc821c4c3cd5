package dev.arbiter.api.outbox;

import dev.arbiter.api.queue.FairQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
  private final FairQueue queue;

  OutboxStore(EntityManager em, FairQueue queue) {
    this.em = em;
    this.queue = queue;
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
   * Claims up to {@code limit} unpublished rows in the queue's fair order, as many grading jobs as
   * the dispatch window has room for (skipping rows another relay holds), sends each, waits for
   * the broker's acknowledgements and marks the acknowledged rows published, all in one
   * transaction: a crash before commit leaves the rows unpublished, so they are sent again
   * (at-least-once; consumers deduplicate on the event id).
   */
  @Transactional
  Batch publish(int limit, Function<OutboxEvent, CompletableFuture<Void>> send,
      Duration ackTimeout) {
    List<UUID> order = queue.next(limit).stream().map(FairQueue.Waiting::outboxId).toList();
    if (order.isEmpty()) {
      return new Batch(0, 0);
    }
    @SuppressWarnings("unchecked")
    List<OutboxEvent> locked = em.createNativeQuery(
            "SELECT * FROM outbox_events WHERE id IN (:ids) AND published_at IS NULL"
                + " FOR UPDATE SKIP LOCKED", OutboxEvent.class)
        .setParameter("ids", order)
        .getResultList();
    Map<UUID, OutboxEvent> byId = new HashMap<>();
    locked.forEach(r -> byId.put(r.id, r));
    // Sent in queue order: each partition of the jobs topic keeps it.
    List<OutboxEvent> rows = order.stream().map(byId::get).filter(Objects::nonNull).toList();
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
