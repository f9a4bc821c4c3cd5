package dev.arbiter.api.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A user's role in a course. */
@Entity
@Table(name = "course_members")
public class CourseMember extends PanacheEntityBase {

  @EmbeddedId public Key id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public CourseRole role;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** (course, user). */
  @Embeddable
  public record Key(
      @Column(name = "course_id") UUID courseId, @Column(name = "user_id") UUID userId)
      implements Serializable {}
}
