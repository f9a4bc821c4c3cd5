package dev.arbiter.api.result;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A consumed event whose effect is stored; its row commits with the effect. */
@Entity
@Table(name = "processed_events")
public class ProcessedEvent extends PanacheEntityBase {

  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "processed_at", nullable = false)
  public Instant processedAt;
}
