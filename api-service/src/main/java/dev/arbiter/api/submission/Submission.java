package dev.arbiter.api.submission;

import dev.arbiter.common.job.JobPurpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "submissions")
/** A student's files for an exercise, graded against the suite version current when it arrived. */
public class Submission extends GradedFiles {

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "suite_version", nullable = false)
  public int suiteVersion;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public JobPurpose purpose;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "started_at")
  public Instant startedAt;

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
