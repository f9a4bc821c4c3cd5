package dev.arbiter.api.lti.key;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One RSA key pair of the tool, stored as a private JWK (which also holds the public part). */
@Entity
@Table(name = "lti_tool_keys")
public class ToolKey {

  @Id public String kid;

  @Column(name = "private_jwk", nullable = false)
  public String privateJwk;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** When a newer key replaced it for signing; null while it is the signing key. */
  @Column(name = "retired_at")
  public Instant retiredAt;

  /** After this a retired key leaves the JWKS. */
  @Column(name = "published_until")
  public Instant publishedUntil;
}
