package dev.arbiter.api.lti.session;

import dev.arbiter.api.auth.Tokens;
import dev.arbiter.api.lti.LtiConfig;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens and resolves launch sessions. The cookie is {@code Secure; HttpOnly; SameSite=None;
 * Partitioned}: SameSite=None because the exercise page runs in the LMS's iframe (a third-party
 * context), Partitioned so browsers that block unpartitioned third-party cookies still keep it for
 * that LMS, HttpOnly so page scripts cannot read it.
 */
@ApplicationScoped
public class LtiSessions implements PanacheRepositoryBase<LtiSession, byte[]> {

  private final LtiConfig config;

  LtiSessions(LtiConfig config) {
    this.config = config;
  }

  /** Opens a session for the user and returns its Set-Cookie header value. */
  @Transactional(Transactional.TxType.MANDATORY)
  public String open(UUID userId) {
    String token = Tokens.newToken();
    Instant now = Instant.now();
    LtiSession s = new LtiSession();
    s.tokenHash = Tokens.sha256(token);
    s.userId = userId;
    s.createdAt = now;
    s.expiresAt = now.plus(config.session().ttl());
    persist(s);
    return config.session().cookieName() + "=" + token
        + "; Path=/; Max-Age=" + config.session().ttl().toSeconds()
        + "; Secure; HttpOnly; SameSite=None; Partitioned";
  }

  /** The user of a live session, if the token is one. */
  @Transactional
  public Optional<UUID> userOf(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    return findByIdOptional(Tokens.sha256(token))
        .filter(s -> s.expiresAt.isAfter(Instant.now()))
        .map(s -> s.userId);
  }

  @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  @Transactional
  void deleteExpired() {
    delete("expiresAt < ?1", Instant.now());
  }
}
