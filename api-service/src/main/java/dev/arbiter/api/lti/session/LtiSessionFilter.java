package dev.arbiter.api.lti.session;

import dev.arbiter.api.auth.CallerResolver;
import dev.arbiter.api.auth.CurrentCaller;
import dev.arbiter.api.lti.LtiConfig;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves a launch session cookie to the same {@link dev.arbiter.api.auth.Caller} an API token
 * would give (through {@link CallerResolver#byUserId}), before the bearer filter runs. An
 * {@code Authorization} header still wins: the bearer filter replaces or refuses it.
 *
 * <p>The cookie is {@code SameSite=None} (the pages live in the LMS's iframe), so a browser sends
 * it with another site's requests too. A cookie therefore never authenticates a request the
 * browser marks cross-site, nor a state-changing API call without a JSON body: an HTML form on
 * another site can POST an empty or form-encoded body, but not {@code application/json} without a
 * CORS preflight, which Arbiter does not grant.
 */
public class LtiSessionFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

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
    if (cookie == null || current.get().isPresent() || couldBeForged(request)) {
      return;
    }
    sessions.userOf(cookie.getValue()).flatMap(resolver::byUserId).ifPresent(current::set);
  }

  static boolean couldBeForged(ContainerRequestContext request) {
    if ("cross-site".equalsIgnoreCase(request.getHeaderString("Sec-Fetch-Site"))) {
      return true;
    }
    boolean api = request.getUriInfo().getPath().startsWith("/api/");
    if (!api || SAFE_METHODS.contains(request.getMethod())) {
      return false;
    }
    MediaType type = request.getMediaType();
    return type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
  }
}
