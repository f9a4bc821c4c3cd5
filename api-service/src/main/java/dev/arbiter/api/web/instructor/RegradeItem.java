package dev.arbiter.api.web.instructor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** One submission of a regrade: the original and the submission that re-ran it. */
@Entity
@Table(name = "regrade_items")
public class RegradeItem extends PanacheEntityBase {

  @EmbeddedId public Key id;

  @Column(name = "regrade_submission_id", nullable = false)
  public UUID regradeSubmissionId;

  /** Primary key: one item per original submission in a regrade. */
  @Embeddable
  public record Key(
      @Column(name = "regrade_id") UUID regradeId,
      @Column(name = "original_submission_id") UUID originalSubmissionId)
      implements Serializable {}
}
