package dev.arbiter.api.lti.key;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ToolKeyRepository implements PanacheRepositoryBase<ToolKey, String> {

  /** The newest key that has not been retired: the one that signs. */
  public Optional<ToolKey> findSigningKey() {
    return find("retiredAt is null order by createdAt desc").firstResultOptional();
  }

  /** Keys a verifier may still need: the signing key(s) and retired keys still in their grace period. */
  public List<ToolKey> findPublished(Instant now) {
    return list("retiredAt is null or publishedUntil > ?1 order by createdAt desc", now);
  }
}
