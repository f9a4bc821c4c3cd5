package dev.arbiter.api.web.session;

import dev.arbiter.api.web.WebConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers on every HTML page.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts only from Arbiter itself and no inline script, so
 *       text that slipped past escaping (a test name, a student's output) still cannot run;
 *       nothing is fetched from elsewhere (the pages promise to work offline anyway); {@code
 *       frame-ancestors} names who may embed the pages (the LMS), from configuration.
 *   <li>{@code Cache-Control: no-store}: pages carry grades and code; a shared computer's browser
 *       cache must not keep them after sign-out.
 *   <li>{@code Referrer-Policy: same-origin}: submission ids in URLs stay on this site.
 * </ul>
 */
public class PageSecurityHeaders {

  private final String csp;

  PageSecurityHeaders(WebConfig config) {
    this.csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        + "object-src 'none'; frame-ancestors " + config.frameAncestors();
  }

  @ServerResponseFilter
  public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/api/") || path.startsWith("/lti/") || path.startsWith("/q/")) {
      return;
    }
    // A page's type may be decided after this filter (a Qute template without @Produces): only
    // responses known to be something else (JSON, CSV) are skipped.
    MediaType type = response.getMediaType();
    if (type != null && !type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
      return;
    }
    var headers = response.getHeaders();
    headers.putSingle("Content-Security-Policy", csp);
    headers.putSingle("Cache-Control", "no-store");
    headers.putSingle("Referrer-Policy", "same-origin");
    headers.putSingle("X-Content-Type-Options", "nosniff");
  }
}
