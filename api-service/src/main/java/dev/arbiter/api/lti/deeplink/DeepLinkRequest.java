package dev.arbiter.api.lti.deeplink;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A deep-linking request waiting for the instructor's pick. Its random id is the only handle the
 * picker form carries, so it also keeps other sites from posting a pick for the instructor.
 */
@Entity
@Table(name = "lti_deep_link_requests")
public class DeepLinkRequest {

  @Id public UUID id;

  @Column(name = "platform_id", nullable = false)
  public UUID platformId;

  @Column(name = "deployment_id", nullable = false)
  public String deploymentId;

  @Column(name = "user_id", nullable = false)
  public UUID userId;

  @Column(name = "course_id", nullable = false)
  public UUID courseId;

  @Column(name = "return_url", nullable = false)
  public String returnUrl;

  /** The request's opaque {@code data}, echoed in the response. */
  public String data;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
