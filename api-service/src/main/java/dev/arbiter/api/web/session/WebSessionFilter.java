package dev.arbiter.api.web.session;

import dev.arbiter.api.auth.CallerResolver;
import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates requests by their session cookie (opened by the sign-in page or by an LTI
 * launch), before the core's bearer filter, and sets the same {@code Caller} an API token would.
 * An {@code Authorization} header still wins: the bearer filter replaces or refuses it.
 *
 * <p>A launch's cookie is {@code SameSite=None} (the pages live in the LMS's iframe), so a browser
 * sends it with another site's requests too. A cookie therefore never authenticates a
 * state-changing API call the browser marks cross-site or that has no JSON body: an HTML form on
 * another site can POST an empty or form-encoded body, but not {@code application/json} without a
 * CORS preflight, which Arbiter does not grant. Page forms carry a CSRF token besides.
 */
public class WebSessionFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final WebSessions sessions;
  private final SessionCookie cookie;
  private final CallerResolver resolver;
  private final CurrentCaller current;
  private final WebRequest web;

  WebSessionFilter(WebSessions sessions, SessionCookie cookie, CallerResolver resolver,
      CurrentCaller current, WebRequest web) {
    this.sessions = sessions;
    this.cookie = cookie;
    this.resolver = resolver;
    this.current = current;
    this.web = web;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 10)
  public void authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    Cookie c = request.getCookies().get(cookie.name());
    if (c == null || path.startsWith("/q/") || couldBeForged(request, path)) {
      return;
    }
    sessions.find(c.getValue()).ifPresent(active ->
        resolver.byUserId(active.userId()).ifPresent(caller -> {
          current.set(caller);
          if (!path.startsWith("/api/")) {
            web.signedIn(caller, active);
          }
        }));
  }

  /**
   * Reads are never forged in a harmful way (the same-origin policy keeps another site from
   * reading the answer, and the first page after a launch arrives through a cross-site redirect);
   * page forms have their CSRF token and {@code CrossSiteFormGuard}. What is left: API writes.
   */
  static boolean couldBeForged(ContainerRequestContext request, String path) {
    if (!path.startsWith("/api/") || SAFE_METHODS.contains(request.getMethod())) {
      return false;
    }
    if ("cross-site".equalsIgnoreCase(request.getHeaderString("Sec-Fetch-Site"))) {
      return true;
    }
    MediaType type = request.getMediaType();
    return type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
  }
}
