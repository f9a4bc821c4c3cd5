package dev.arbiter.api.web;

import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.platform.PlatformService;
import dev.arbiter.api.lti.platform.PlatformView;
import dev.arbiter.api.lti.platform.RegisterPlatform;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.problem.ProblemMappers;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.view.PlatformForm;
import dev.arbiter.api.web.view.Problem;
import dev.arbiter.api.web.view.ToolUrls;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Administrators register LMSs (LTI 1.3 platforms) and read the values to paste into them: the
 * page beside {@code POST /api/v1/lti/platforms}, with the same service and the same rules.
 */
@Path("/admin/lti/platforms")
@Produces(MediaType.TEXT_HTML)
public class PlatformPages {

  private static final List<String> FIELDS = List.of(
      "issuer", "clientId", "deploymentIds", "authLoginUrl", "authTokenUrl", "jwksUrl",
      "authTokenAudience");

  private final PlatformService platforms;
  private final LtiConfig lti;
  private final WebRequest web;
  private final ErrorPages errors;

  PlatformPages(PlatformService platforms, LtiConfig lti, WebRequest web, ErrorPages errors) {
    this.platforms = platforms;
    this.lti = lti;
    this.web = web;
    this.errors = errors;
  }

  @GET
  public Response list(@RestQuery Integer registered) {
    requireAdmin();
    return page(200, registered == null ? null : "LMS platform registered.", PlatformForm.blank(),
        null);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response register(@RestForm("_csrf") String csrf, @RestForm String issuer,
      @RestForm String clientId, @RestForm String deploymentIds, @RestForm String authLoginUrl,
      @RestForm String authTokenUrl, @RestForm String jwksUrl,
      @RestForm String authTokenAudience) {
    web.requireCsrf(csrf);
    requireAdmin();
    PlatformForm form = new PlatformForm(issuer, clientId, deploymentIds, authLoginUrl,
        authTokenUrl, jwksUrl, authTokenAudience);
    try {
      platforms.register(new RegisterPlatform(strip(issuer), strip(clientId),
          form.deploymentIdList(), strip(authLoginUrl), strip(authTokenUrl), strip(jwksUrl),
          strip(authTokenAudience)));
      return Response.seeOther(URI.create("/admin/lti/platforms?registered=1")).build();
    } catch (ProblemException e) {
      var p = e.problem();
      return page(p.status(), null, form,
          new Problem(p.status(), p.title(), p.detail(), fieldOf(p.detail())));
    } catch (ConstraintViolationException e) {
      String detail = ProblemMappers.violations(e);
      return page(400, null, form, new Problem(400, "Invalid request", detail, fieldOf(detail)));
    }
  }

  private void requireAdmin() {
    if (!web.caller().admin()) {
      throw ProblemException.forbidden("only administrators manage LMS platforms");
    }
  }

  private Response page(int status, String flash, PlatformForm form, Problem error) {
    var chrome = flash == null ? web.chrome() : web.chrome().withFlash(flash);
    List<PlatformView> registered = platforms.list().stream().map(PlatformView::from).toList();
    return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.platforms(chrome, ToolUrls.of(lti.baseUrl()), registered, form, error))
        .build();
  }

  /** The form field a message names first (messages start with, or name, the field). */
  static String fieldOf(String detail) {
    if (detail == null) {
      return null;
    }
    String first = null;
    int at = Integer.MAX_VALUE;
    for (String field : FIELDS) {
      int i = detail.indexOf(field);
      if (i >= 0 && i < at) {
        first = field;
        at = i;
      }
    }
    return first;
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
