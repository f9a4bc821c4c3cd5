package dev.arbiter.api.submission;

import dev.arbiter.common.job.JobPurpose;
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

@Entity
@Table(name = "submissions")
public class Submission extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "exercise_id", nullable = false)
  public UUID exerciseId;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "suite_version", nullable = false)
  public int suiteVersion;

  /** File name → content, as JSON. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String files;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public SubmissionStatus status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public JobPurpose purpose;

  public Double score;

  @Column(name = "max_score", nullable = false)
  public double maxScore;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "graded_at")
  public Instant gradedAt;

  /** Why the platform failed; shown to staff only. */
  @Column(name = "infra_reason")
  public String infraReason;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  /**
   * The job (outbox row id = the job's event id) that now answers for this submission; a replay
   * gives it a new one, and completions of any other job are not stored. Null on rows written
   * before it existed: any completion counts for those.
   */
  @Column(name = "current_job_id")
  public UUID currentJobId;
}
