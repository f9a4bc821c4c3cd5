package dev.arbiter.api.web;

import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.session.SignInRequired;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.view.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How page requests fail. A browser navigating gets an HTML page in the words of the problem
 * document (same status); a page script asking for JSON gets the problem document itself; a
 * missing session becomes a redirect to the sign-in page that comes back afterwards.
 */
@ApplicationScoped
public class ErrorPages {

  private final WebRequest web;

  ErrorPages(WebRequest web) {
    this.web = web;
  }

  /** Renders a core problem for a page request. */
  public Response render(ProblemException e, HttpHeaders headers) {
    dev.arbiter.api.problem.Problem p = e.problem();
    if (wantsJson(headers)) {
      return Response.status(p.status()).type(dev.arbiter.api.problem.Problem.MEDIA_TYPE)
          .entity(p).build();
    }
    return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(Templates.error(web.chrome(), Problem.of(p.status(), p.title(), p.detail()))
            .render())
        .build();
  }

  static boolean wantsJson(HttpHeaders headers) {
    return headers.getAcceptableMediaTypes().stream()
        .anyMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType());
  }

  @ServerExceptionMapper
  Response signIn(SignInRequired e, UriInfo uri, HttpHeaders headers) {
    if (wantsJson(headers)) {
      return Response.status(401).type(dev.arbiter.api.problem.Problem.MEDIA_TYPE)
          .entity(new dev.arbiter.api.problem.Problem("about:blank", "Unauthorized", 401,
              "your session has ended; sign in again"))
          .build();
    }
    String next = uri.getRequestUri().getRawPath()
        + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
    return Response.seeOther(URI.create("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
        .build();
  }
}
