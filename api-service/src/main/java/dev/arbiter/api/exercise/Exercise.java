package dev.arbiter.api.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An exercise of a course. Limit columns hold what the instructor asked for; {@link
 * EffectiveLimits} caps them when they are used.
 */
@Entity
@Table(name = "exercises")
public class Exercise extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "course_id", nullable = false)
  public UUID courseId;

  @Column(nullable = false)
  public String slug;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String description;

  @Column(nullable = false)
  public String language;

  @Column(name = "time_seconds", nullable = false)
  public int timeSeconds;

  @Column(name = "memory_mb", nullable = false)
  public int memoryMb;

  @Column(name = "output_kb", nullable = false)
  public int outputKb;

  @Column(name = "disk_mb", nullable = false)
  public int diskMb;

  @Column(name = "max_processes", nullable = false)
  public int maxProcesses;

  /** The newest suite version, or null before the first PUT of a suite. */
  @Column(name = "current_suite_version")
  public Integer currentSuiteVersion;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
