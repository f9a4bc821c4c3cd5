package dev.arbiter.api.web.instructor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** "Regrade all on version N" of one exercise; see V121. */
@Entity
@Table(name = "regrades")
public class Regrade extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "exercise_id", nullable = false)
  public UUID exerciseId;

  @Column(name = "suite_version", nullable = false)
  public int suiteVersion;

  @Column(name = "created_by", nullable = false)
  public UUID createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
