package dev.arbiter.api.web.instructor;

import dev.arbiter.api.submission.GradedFiles;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A reference solution graded against a draft suite; see V121. */
@Entity
@Table(name = "dry_runs")
public class DryRun extends GradedFiles {

  @Column(name = "created_by", nullable = false)
  public UUID createdBy;

  /** The draft suite, contract JSON. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String suite;

  /** The verdicts ({@code TestOutcome} list, JSON), once graded. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String tests;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
