package dev.arbiter.api.lti.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * An LMS user ({@code iss} + {@code sub}) and the Arbiter user it is. The platform's {@code sub} is
 * also the {@code userId} of every score posted to that platform.
 */
@Entity
@Table(name = "lti_user_links")
@IdClass(LtiUserLink.Key.class)
public class LtiUserLink {

  public record Key(UUID platformId, String subject) implements Serializable {
    public Key() {
      this(null, null);
    }
  }

  @Id
  @Column(name = "platform_id")
  public UUID platformId;

  @Id
  @Column(name = "subject")
  public String subject;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
