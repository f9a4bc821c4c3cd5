package dev.arbiter.api.web.session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class WebSessionRepository implements PanacheRepositoryBase<WebSession, String> {

  /** Sessions past their lifetime, or idle since before {@code idleSince}. */
  long deleteExpired(Instant now, Instant idleSince) {
    return delete("expiresAt < ?1 or lastSeenAt < ?2", now, idleSince);
  }
}
