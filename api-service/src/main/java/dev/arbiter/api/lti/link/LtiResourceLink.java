package dev.arbiter.api.lti.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A placement of an exercise in an LMS course, and the gradebook column (line item) it feeds. */
@Entity
@Table(name = "lti_resource_links")
public class LtiResourceLink {

  @Id public UUID id;

  @Column(name = "platform_id", nullable = false)
  public UUID platformId;

  @Column(name = "resource_link_id", nullable = false)
  public String resourceLinkId;

  @Column(name = "context_pk", nullable = false)
  public UUID contextPk;

  @Column(name = "exercise_id", nullable = false)
  public UUID exerciseId;

  /** AGS line item from the latest launch; null when the LMS granted no gradebook column. */
  @Column(name = "line_item_url")
  public String lineItemUrl;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
