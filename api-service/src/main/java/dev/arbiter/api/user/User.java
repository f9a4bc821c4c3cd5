package dev.arbiter.api.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A person known to Arbiter. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  public String email;

  @Column(name = "is_admin", nullable = false)
  public boolean admin;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
