package dev.arbiter.api.auth;

import dev.arbiter.api.problem.ProblemException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} API tokens. Every {@code /api/} request must end up
 * with a caller: 401 when there is no credential or it is not valid. A header that is present but
 * wrong is refused even if a session filter already set a caller, so a bad token never silently
 * falls back to another identity.
 */
public class BearerTokenFilter {

  private static final String SCHEME = "bearer ";

  private final CallerResolver resolver;
  private final CurrentCaller current;

  BearerTokenFilter(CallerResolver resolver, CurrentCaller current) {
    this.resolver = resolver;
    this.current = current;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public void authenticate(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/")) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
        throw ProblemException.unauthorized("only Bearer API tokens are accepted");
      }
      String token = header.substring(SCHEME.length()).trim();
      current.set(resolver.byBearerToken(token)
          .orElseThrow(() -> ProblemException.unauthorized("the API token is not valid")));
      return;
    }
    if (current.get().isEmpty()) {
      throw ProblemException.unauthorized("an API token is required (Authorization: Bearer)");
    }
  }
}
