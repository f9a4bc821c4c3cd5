package dev.arbiter.api.web.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A browser session; the cookie's value is never stored, only its SHA-256. */
@Entity
@Table(name = "web_sessions")
public class WebSession extends PanacheEntityBase {

  /** How the session was opened. */
  public enum OpenedBy {
    /** Sign-in form with an API token. */
    TOKEN,
    /** LTI 1.3 resource-link launch. */
    LTI
  }

  @Id
  @Column(name = "id_hash")
  public String idHash;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Enumerated(EnumType.STRING)
  @Column(name = "opened_by", nullable = false)
  public OpenedBy openedBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_seen_at", nullable = false)
  public Instant lastSeenAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
