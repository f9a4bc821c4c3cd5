package dev.arbiter.api.lti.ags;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The passback state of one student on one LMS line item (resource link). It is the outbox of grade
 * passback: a grade store marks it PENDING in the same transaction, and the relay sends the
 * student's current score, so any number of gradings while the LMS is down become one post.
 */
@Entity
@Table(name = "lti_passbacks")
public class Passback {

  @Id public UUID id;

  @Column(name = "resource_link_pk", nullable = false)
  public UUID resourceLinkPk;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public PassbackStatus status;

  /** Bumped by every new grade; a send only marks SENT if no newer grade arrived meanwhile. */
  @Column(nullable = false)
  public long generation;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  /** While set and in the future, one relay owns this row (it is posting). */
  @Column(name = "claimed_until")
  public Instant claimedUntil;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "submission_id")
  public UUID submissionId;

  @Column(name = "score_given")
  public Double scoreGiven;

  @Column(name = "score_maximum")
  public Double scoreMaximum;

  /** Timestamp of the last score posted: the next one must be later (AGS 2.0 §3.4.5). */
  @Column(name = "last_timestamp")
  public Instant lastTimestamp;

  @Column(name = "sent_at")
  public Instant sentAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
