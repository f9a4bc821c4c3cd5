package dev.arbiter.api.auth;

import dev.arbiter.api.user.UserRepository;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a credential into a {@link Caller}. The bearer filter uses it for API tokens; a cookie
 * session (web pages, LTI) resolves its stored user id through {@link #byUserId(UUID)}, so every
 * entry point ends in the same Caller and the same authorisation rules.
 */
@ApplicationScoped
@Startup
public class CallerResolver {

  private final AuthConfig config;
  private final ApiTokenRepository tokens;
  private final UserRepository users;

  CallerResolver(AuthConfig config, ApiTokenRepository tokens, UserRepository users) {
    this.config = config;
    this.tokens = tokens;
    this.users = users;
    config.bootstrapToken().ifPresent(t -> {
      if (t.length() < Tokens.MIN_BOOTSTRAP_LENGTH) {
        throw new IllegalStateException("ARBITER_BOOTSTRAP_TOKEN must have at least "
            + Tokens.MIN_BOOTSTRAP_LENGTH + " characters");
      }
    });
  }

  /** The caller a bearer token stands for, or empty when the token is unknown or revoked. */
  @Transactional
  public Optional<Caller> byBearerToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> bootstrap = config.bootstrapToken();
    if (bootstrap.isPresent() && Tokens.sameSecret(token, bootstrap.get())) {
      return Optional.of(new Caller(config.bootstrapUserId(), true));
    }
    return tokens.callerFor(Tokens.sha256(token));
  }

  /** The caller for a user id a session has already authenticated, or empty if it is gone. */
  @Transactional
  public Optional<Caller> byUserId(UUID userId) {
    return users.findByIdOptional(userId).map(u -> new Caller(u.id, u.admin));
  }
}
