package dev.arbiter.api.lti.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A browser session opened by a launch; the cookie holds the token, the table only its hash. */
@Entity
@Table(name = "lti_sessions")
public class LtiSession {

  @Id
  @Column(name = "token_hash")
  public byte[] tokenHash;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
