package dev.arbiter.api.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "courses")
public class Course extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String title;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
