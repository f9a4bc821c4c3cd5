package dev.arbiter.api.lti.launch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What a login initiation promised the launch: single use, expiring. */
@Entity
@Table(name = "lti_login_states")
public class LoginState {

  @Id public String state;

  @Column(nullable = false)
  public String nonce;

  @Column(name = "platform_id", nullable = false)
  public UUID platformId;

  @Column(name = "target_link_uri")
  public String targetLinkUri;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
