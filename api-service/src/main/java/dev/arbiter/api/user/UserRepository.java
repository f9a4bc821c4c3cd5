package dev.arbiter.api.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

  public Optional<User> findByEmail(String email) {
    return find("lower(email) = lower(?1)", email).firstResultOptional();
  }
}
