package dev.arbiter.api.web;

import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.instructor.DryRuns;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.student.LiveStatus;
import dev.arbiter.api.web.student.SubmissionPanels;
import dev.arbiter.api.web.view.SubmissionPanel;
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

/** A dry run's live panel and status, polled by the suite page. */
@Path("/")
public class DryRunPages {

  private final DryRuns dryRuns;
  private final SubmissionPanels panels;
  private final WebRequest web;
  private final ErrorPages errors;

  DryRunPages(DryRuns dryRuns, SubmissionPanels panels, WebRequest web, ErrorPages errors) {
    this.dryRuns = dryRuns;
    this.panels = panels;
    this.web = web;
    this.errors = errors;
  }

  @GET
  @Path("dry-runs/{dryRunId}/panel")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance panel(@PathParam("dryRunId") UUID id) {
    return Templates.submissionPanel(panels.dryRun(dryRuns.get(web.caller(), id)));
  }

  @GET
  @Path("dry-runs/{dryRunId}/status")
  @Produces(MediaType.APPLICATION_JSON)
  public LiveStatus status(@PathParam("dryRunId") UUID id) {
    SubmissionPanel p = panels.dryRun(dryRuns.get(web.caller(), id));
    return new LiveStatus(p.status(), p.isFinal(), p.position(), p.etaSeconds());
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
