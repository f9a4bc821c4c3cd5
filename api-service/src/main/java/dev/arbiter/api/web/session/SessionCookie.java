package dev.arbiter.api.web.session;

import dev.arbiter.api.web.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Cookie;

/**
 * The session cookie, in one place: its name, flags and lifetime.
 *
 * <p>Always {@code HttpOnly} (a script injected into a page cannot read the session) and {@code
 * Secure}. {@code SameSite=Lax} after the sign-in form: the browser then never sends the cookie
 * with another site's POST (first CSRF layer; the per-session token is the second).
 * {@code SameSite=None} after an LTI launch, because the pages then run inside the LMS's iframe,
 * where a Lax cookie is not sent at all; the CSRF token and the cross-site form guard carry the
 * protection there.
 */
@ApplicationScoped
public class SessionCookie {

  private final WebConfig.Session config;

  SessionCookie(WebConfig config) {
    this.config = config.session();
  }

  public String name() {
    return config.cookieName();
  }

  /** The cookie for a newly opened session. */
  public NewCookie issue(WebSessions.Opened opened, boolean embeddedInLms) {
    return new NewCookie.Builder(config.cookieName())
        .value(opened.cookieValue())
        .path("/")
        .maxAge((int) Math.min(Integer.MAX_VALUE, opened.maxAge().toSeconds()))
        .httpOnly(true)
        // SameSite=None is only honoured together with Secure.
        .secure(config.secureCookie() || embeddedInLms)
        .sameSite(embeddedInLms ? NewCookie.SameSite.NONE : NewCookie.SameSite.LAX)
        .build();
  }

  /**
   * The Set-Cookie header for a session opened by an LTI launch: {@code SameSite=None} (the pages
   * run in the LMS's iframe, a third-party context) and {@code Partitioned}, so browsers that
   * block unpartitioned third-party cookies keep it for that LMS. {@link NewCookie} cannot say
   * Partitioned, hence the header by hand.
   */
  public String launchHeader(WebSessions.Opened opened) {
    return config.cookieName() + "=" + opened.cookieValue()
        + "; Path=/; Max-Age=" + opened.maxAge().toSeconds()
        + "; Secure; HttpOnly; SameSite=None; Partitioned";
  }

  /** Removes the cookie from the browser (sign-out, or a session that is gone). */
  public NewCookie expire() {
    return new NewCookie.Builder(config.cookieName())
        .value("")
        .path("/")
        .maxAge(0)
        .httpOnly(true)
        .secure(config.secureCookie())
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }

  /** The cookie's value in a request, or null. */
  public String read(HttpHeaders headers) {
    Cookie c = headers.getCookies().get(config.cookieName());
    return c == null ? null : c.getValue();
  }
}
