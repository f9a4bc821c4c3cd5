package dev.arbiter.api.submission;

import dev.arbiter.common.status.TestStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** The verdict of one suite test for one submission. */
@Entity
@Table(name = "test_results")
public class TestResult extends PanacheEntityBase {

  @EmbeddedId public Key id;

  @Column(nullable = false)
  public String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public TestStatus status;

  @Column(nullable = false)
  public double score;

  @Column(name = "max_score", nullable = false)
  public double maxScore;

  @Column(name = "time_ms", nullable = false)
  public long timeMs;

  public String output;

  public String stderr;

  /** call tests: the JSON-encoded return value. */
  public String actual;

  public String message;

  /** (submission, position in the suite from 0). */
  @Embeddable
  public record Key(@Column(name = "submission_id") UUID submissionId, int ordinal)
      implements Serializable {}
}
