package dev.arbiter.api.submission;

import dev.arbiter.common.status.SubmissionStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * Files graded against a suite of an exercise: what a student's submission and an instructor's
 * dry run of a draft suite have in common, mapped to the same column names in both tables.
 */
@MappedSuperclass
public abstract class GradedFiles extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "exercise_id", nullable = false)
  public UUID exerciseId;

  /** File name → content, as JSON. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String files;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public SubmissionStatus status;

  public Double score;

  @Column(name = "max_score", nullable = false)
  public double maxScore;

  @Column(name = "graded_at")
  public Instant gradedAt;

  /** Why the platform failed; shown to staff only. */
  @Column(name = "infra_reason")
  public String infraReason;
}
