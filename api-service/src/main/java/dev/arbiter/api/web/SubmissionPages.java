package dev.arbiter.api.web;

import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.student.LiveStatus;
import dev.arbiter.api.web.student.SubmissionPanels;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A submission's page, its live panel fragment and the status the panel polls. */
@Path("/")
public class SubmissionPages {

  private final SubmissionPanels panels;
  private final WebRequest web;
  private final ErrorPages errors;

  SubmissionPages(SubmissionPanels panels, WebRequest web, ErrorPages errors) {
    this.panels = panels;
    this.web = web;
    this.errors = errors;
  }

  @GET
  @Path("submissions/{submissionId}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance page(@PathParam("submissionId") UUID id) {
    SubmissionPanels.Shown shown = panels.submission(web.caller(), id);
    return Templates.submission(web.chrome(), shown.panel(), shown.exercise().title());
  }

  @GET
  @Path("submissions/{submissionId}/panel")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance panel(@PathParam("submissionId") UUID id) {
    return Templates.submissionPanel(panels.submission(web.caller(), id).panel());
  }

  @GET
  @Path("submissions/{submissionId}/status")
  @Produces(MediaType.APPLICATION_JSON)
  public LiveStatus status(@PathParam("submissionId") UUID id) {
    return panels.status(web.caller(), id);
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
