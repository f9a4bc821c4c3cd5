package dev.arbiter.api.web;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.auth.CallerResolver;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.session.SessionCookie;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.session.WebSession;
import dev.arbiter.api.web.session.WebSessions;
import dev.arbiter.api.web.view.Problem;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Sign-in with an API token, sign-out, and the site root. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

  private final CallerResolver resolver;
  private final WebSessions sessions;
  private final SessionCookie cookie;
  private final WebRequest web;
  private final ErrorPages errors;

  SignInPage(CallerResolver resolver, WebSessions sessions, SessionCookie cookie, WebRequest web,
      ErrorPages errors) {
    this.resolver = resolver;
    this.sessions = sessions;
    this.cookie = cookie;
    this.web = web;
    this.errors = errors;
  }

  @GET
  public Response root() {
    return Response.seeOther(URI.create(web.callerIfSignedIn().isPresent() ? "/courses" : "/sign-in"))
        .build();
  }

  @GET
  @Path("sign-in")
  public Response form(@RestQuery String next) {
    if (web.callerIfSignedIn().isPresent()) {
      return Response.seeOther(URI.create(safeNext(next))).build();
    }
    return Response.ok(Templates.signIn(web.chrome(), null, safeNext(next))).build();
  }

  @POST
  @Path("sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(@RestForm String token, @RestForm String next) {
    Optional<Caller> caller = resolver.byBearerToken(token == null ? "" : token.strip());
    if (caller.isEmpty()) {
      // Same answer for unknown, revoked and malformed tokens: nothing to probe.
      Problem p = Problem.of(401, "Sign-in failed", "That API token is not valid.").at("token");
      return Response.status(401).entity(Templates.signIn(web.chrome(), p, safeNext(next))).build();
    }
    WebSessions.Opened opened = sessions.open(caller.get().userId(), WebSession.OpenedBy.TOKEN);
    Log.infof("user %s signed in to the web pages", caller.get().userId());
    return Response.seeOther(URI.create(safeNext(next)))
        .cookie(cookie.issue(opened, false))
        .build();
  }

  @POST
  @Path("sign-out")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut(@RestForm("_csrf") String csrf, HttpHeaders headers) {
    web.requireCsrf(csrf);
    sessions.close(cookie.read(headers));
    return Response.seeOther(URI.create("/sign-in")).cookie(cookie.expire()).build();
  }

  /**
   * Only a local path may follow sign-in: an absolute or protocol-relative URL here would make
   * the sign-in page an open redirect ("//evil.example/").
   */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/courses";
    }
    return next;
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
