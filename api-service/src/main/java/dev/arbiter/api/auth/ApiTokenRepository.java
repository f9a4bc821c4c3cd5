package dev.arbiter.api.auth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

  /** The holder of a live token with this hash, with their admin flag. */
  Optional<Caller> callerFor(byte[] tokenHash) {
    return getEntityManager()
        .createQuery(
            "select new dev.arbiter.api.auth.Caller(u.id, u.admin) from ApiToken t, User u"
                + " where u.id = t.userId and t.tokenHash = :hash and t.revokedAt is null",
            Caller.class)
        .setParameter("hash", tokenHash)
        .getResultStream()
        .findFirst();
  }

  /** Makes a token for the user; returns the plain token, which is not kept anywhere. */
  public String issue(UUID userId) {
    String token = Tokens.newToken();
    ApiToken row = new ApiToken();
    row.id = UUID.randomUUID();
    row.userId = userId;
    row.tokenHash = Tokens.sha256(token);
    row.createdAt = Instant.now();
    persist(row);
    return token;
  }
}
