package dev.arbiter.api.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A row of the transactional outbox, in Debezium's column shape. Written only by {@link
 * OutboxWriter} in the transaction of the change it announces; published by {@link OutboxRelay}.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent extends PanacheEntityBase {

  /** Also the event's {@code eventId}, so consumers deduplicate on it. */
  @Id public UUID id;

  @Column(name = "aggregate_type", nullable = false)
  public String aggregateType;

  /** The Kafka record key (the submission id for grading jobs). */
  @Column(name = "aggregate_id", nullable = false)
  public String aggregateId;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "last_error")
  public String lastError;
}
