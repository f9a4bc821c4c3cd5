package dev.arbiter.api.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * The only way to write an outbox row. {@code MANDATORY}: an event exists exactly when the change
 * it describes commits (no dual write that a crash could split).
 */
@ApplicationScoped
public class OutboxWriter {

  private final EntityManager em;
  private final Event<OutboxAppended> appended;

  OutboxWriter(EntityManager em, Event<OutboxAppended> appended) {
    this.em = em;
    this.appended = appended;
  }

  /**
   * Adds an event to the current transaction.
   *
   * @param id the event id (also inside the payload as {@code eventId})
   * @param aggregateType e.g. {@code Submission}
   * @param aggregateId the record key, e.g. the submission id
   * @param type e.g. {@code GradingJobRequested}
   * @param payloadJson the message body
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(UUID id, String aggregateType, String aggregateId, String type,
      String payloadJson) {
    OutboxEvent e = new OutboxEvent();
    e.id = id;
    e.aggregateType = aggregateType;
    e.aggregateId = aggregateId;
    e.type = type;
    e.payload = payloadJson;
    e.createdAt = Instant.now();
    em.persist(e);
    appended.fire(new OutboxAppended(id));
  }
}
