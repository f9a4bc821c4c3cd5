package dev.arbiter.api.suite;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/** One immutable version of an exercise's suite; the JSON is a {@code TestSuite}. */
@Entity
@Immutable
@Table(name = "suite_versions")
public class SuiteVersion extends PanacheEntityBase {

  @EmbeddedId public Key id;

  /** The contract's suite JSON, expected values included: never sent to a student as is. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String suite;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public UUID createdBy;

  /** (exercise, version). */
  @Embeddable
  public record Key(@Column(name = "exercise_id") UUID exerciseId, int version)
      implements Serializable {}
}
