package dev.arbiter.api.web.session;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a state-changing request to the web pages that a browser says comes from another site.
 *
 * <p>Second layer behind the per-session CSRF token: it also covers the sign-in form, which has no
 * session yet (login CSRF: a page elsewhere signing the victim into the attacker's account).
 * Browsers send {@code Sec-Fetch-Site} and {@code Origin} on POSTs; a request with neither
 * (curl, old browsers) is left to the token check. The API ({@code /api/}, bearer tokens, no
 * cookies) and the LTI launch ({@code /lti/}, which an LMS legitimately posts cross-site) are not
 * web pages and are not filtered here.
 */
public class CrossSiteFormGuard {

  @ServerRequestFilter(preMatching = true)
  public Response refuseCrossSite(ContainerRequestContext ctx) {
    String method = ctx.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
      return null;
    }
    String path = ctx.getUriInfo().getRequestUri().getRawPath();
    if (path.startsWith("/api/") || path.startsWith("/lti/") || path.startsWith("/q/")) {
      return null;
    }
    String site = ctx.getHeaderString("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return refuse();
    }
    String origin = ctx.getHeaderString("Origin");
    if (origin != null && !origin.equals("null")) {
      String host = ctx.getHeaderString("Host");
      URI o;
      try {
        o = URI.create(origin);
      } catch (IllegalArgumentException e) {
        return refuse();
      }
      String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
      if (host == null || !host.equalsIgnoreCase(originHost)) {
        return refuse();
      }
    }
    return null;
  }

  private static Response refuse() {
    return Response.status(403)
        .type(MediaType.valueOf("application/problem+json"))
        .entity("{\"type\":\"about:blank\",\"title\":\"Cross-site request refused\",\"status\":403,"
            + "\"detail\":\"This form can only be sent from Arbiter's own pages.\"}")
        .build();
  }
}
