package dev.arbiter.api.web.instructor;

import dev.arbiter.common.status.SubmissionStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A reference solution graded against a draft suite; see V121. */
@Entity
@Table(name = "dry_runs")
public class DryRun extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "exercise_id", nullable = false)
  public UUID exerciseId;

  @Column(name = "created_by", nullable = false)
  public UUID createdBy;

  /** The draft suite, contract JSON. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String suite;

  /** File name → content, JSON. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String files;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public SubmissionStatus status;

  /** The verdicts ({@code TestOutcome} list, JSON), once graded. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String tests;

  public Double score;

  @Column(name = "max_score", nullable = false)
  public double maxScore;

  @Column(name = "infra_reason")
  public String infraReason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "graded_at")
  public Instant gradedAt;
}
