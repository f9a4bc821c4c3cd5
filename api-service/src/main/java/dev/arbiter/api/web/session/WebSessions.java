package dev.arbiter.api.web.session;

import dev.arbiter.api.auth.Tokens;
import dev.arbiter.api.web.WebConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens, finds and ends browser sessions: the one session service of api-service. The sign-in
 * page opens {@link WebSession.OpenedBy#TOKEN} sessions; the LTI launch opens {@link
 * WebSession.OpenedBy#LTI} ones through {@link #open(UUID, WebSession.OpenedBy)} and sets the
 * cookie with {@link SessionCookie#launchHeader}. A found session resolves to the core's {@code Caller}
 * through {@code CallerResolver.byUserId}, so every entry point ends in the same rules.
 */
@ApplicationScoped
public class WebSessions {

  /** Bumping last-seen on every request would write on every page view; once a minute is enough. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final WebSessionRepository repository;
  private final WebConfig.Session config;

  WebSessions(WebSessionRepository repository, WebConfig config) {
    this.repository = repository;
    this.config = config.session();
  }

  /**
   * A newly opened session.
   *
   * @param cookieValue the secret for the cookie; not stored, shown only here
   * @param csrfToken the session's CSRF token
   * @param maxAge how long the cookie should live
   */
  public record Opened(String cookieValue, String csrfToken, Duration maxAge) {}

  /**
   * A valid session found from its cookie.
   *
   * @param idHash the stored id (SHA-256 of the cookie, hex)
   * @param userId its user
   * @param csrfToken the token its forms must send back
   */
  public record Active(String idHash, UUID userId, String csrfToken) {

    /** Constant-time check of a submitted CSRF token. */
    public boolean csrfMatches(String presented) {
      return presented != null && Tokens.sameSecret(presented, csrfToken);
    }
  }

  @Transactional
  public Opened open(UUID userId, WebSession.OpenedBy openedBy) {
    String secret = Tokens.newToken();
    Instant now = Instant.now();
    WebSession s = new WebSession();
    s.idHash = hash(secret);
    s.userId = userId;
    s.openedBy = openedBy;
    s.createdAt = now;
    s.lastSeenAt = now;
    s.expiresAt = now.plus(config.maxLifetime());
    repository.persist(s);
    Log.infof("web session opened for user %s (%s)", userId, openedBy);
    return new Opened(secret, csrfFor(secret), config.maxLifetime());
  }

  /** The session of a cookie value, if it exists and has neither expired nor idled out. */
  @Transactional
  public Optional<Active> find(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
      return Optional.empty();
    }
    WebSession s = repository.findById(hash(cookieValue));
    Instant now = Instant.now();
    if (s == null) {
      return Optional.empty();
    }
    if (now.isAfter(s.expiresAt) || now.isAfter(s.lastSeenAt.plus(config.idleTimeout()))) {
      repository.delete(s);
      return Optional.empty();
    }
    if (now.isAfter(s.lastSeenAt.plus(TOUCH_EVERY))) {
      s.lastSeenAt = now;
    }
    return Optional.of(new Active(s.idHash, s.userId, csrfFor(cookieValue)));
  }

  /** Ends the session (sign-out); unknown values are ignored. */
  @Transactional
  public void close(String cookieValue) {
    if (cookieValue != null && !cookieValue.isEmpty() && cookieValue.length() <= 100) {
      repository.deleteById(hash(cookieValue));
    }
  }

  @Scheduled(every = "1h", delayed = "5m")
  @Transactional
  void purgeExpired() {
    Instant now = Instant.now();
    long n = repository.deleteExpired(now, now.minus(config.idleTimeout()));
    if (n > 0) {
      Log.infof("purged %d expired web sessions", n);
    }
  }

  /**
   * The CSRF token of the session whose cookie holds {@code cookieValue}: a one-way function of
   * the cookie's 256-bit secret, so it is unique per session and unguessable without the cookie
   * (which is HttpOnly, so a page script elsewhere can neither read it nor the token). Deriving
   * it needs no stored state.
   */
  public static String csrfFor(String cookieValue) {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Tokens.sha256("arbiter-csrf:" + cookieValue));
  }

  static String hash(String secret) {
    return HexFormat.of().formatHex(Tokens.sha256(secret));
  }
}
