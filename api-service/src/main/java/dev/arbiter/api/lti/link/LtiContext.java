package dev.arbiter.api.lti.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An LMS course (context) and the Arbiter course it feeds. Several contexts may share a course. */
@Entity
@Table(name = "lti_contexts")
public class LtiContext {

  @Id public UUID id;

  @Column(name = "platform_id", nullable = false)
  public UUID platformId;

  @Column(name = "context_id", nullable = false)
  public String contextId;

  @Column(name = "deployment_id", nullable = false)
  public String deploymentId;

  @Column(name = "course_id", nullable = false)
  public UUID courseId;

  public String title;

  /** NRPS endpoint from the latest launch; null when the LMS does not offer NRPS. */
  @Column(name = "memberships_url")
  public String membershipsUrl;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
