package dev.arbiter.api.lti.session;

import dev.arbiter.api.auth.CallerResolver;
import dev.arbiter.api.auth.CurrentCaller;
import dev.arbiter.api.lti.LtiConfig;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves a launch session cookie to the same {@link dev.arbiter.api.auth.Caller} an API token
 * would give (through {@link CallerResolver#byUserId}), before the bearer filter runs. An
 * {@code Authorization} header still wins: the bearer filter replaces or refuses it.
 */
public class LtiSessionFilter {

  private final LtiSessions sessions;
  private final CallerResolver resolver;
  private final CurrentCaller current;
  private final LtiConfig config;

  LtiSessionFilter(LtiSessions sessions, CallerResolver resolver, CurrentCaller current, LtiConfig config) {
    this.sessions = sessions;
    this.resolver = resolver;
    this.current = current;
    this.config = config;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
  public void resolve(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(config.session().cookieName());
    if (cookie == null || current.get().isPresent()) {
      return;
    }
    sessions.userOf(cookie.getValue()).flatMap(resolver::byUserId).ifPresent(current::set);
  }
}
