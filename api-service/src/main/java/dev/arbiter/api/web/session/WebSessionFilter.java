package dev.arbiter.api.web.session;

import dev.arbiter.api.auth.CallerResolver;
import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates page requests by their session cookie, before the core's bearer filter, and sets
 * the same {@code Caller} an API token would. The JSON API ({@code /api/}) is left to bearer
 * tokens: a cookie there would make every API POST a CSRF target.
 */
public class WebSessionFilter {

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
    if (path.startsWith("/api/") || path.startsWith("/q/")) {
      return;
    }
    Cookie c = request.getCookies().get(cookie.name());
    if (c == null) {
      return;
    }
    var active = sessions.find(c.getValue());
    if (active.isPresent()) {
      resolver.byUserId(active.get().userId()).ifPresent(caller -> {
        current.set(caller);
        web.signedIn(caller, active.get());
      });
    } else if (current.get().isPresent()) {
      // Another session filter (the LTI launch's, which runs first) already resolved this cookie
      // to a caller: the pages accept that session, with the CSRF token derived from its cookie.
      var caller = current.get().get();
      web.signedIn(caller, new WebSessions.Active(null, caller.userId(),
          WebSessions.csrfFor(c.getValue())));
    }
  }
}
