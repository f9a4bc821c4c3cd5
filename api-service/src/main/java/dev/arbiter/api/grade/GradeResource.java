package dev.arbiter.api.grade;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Grade reports (TA or instructor), as JSON or, with {@code Accept: text/csv}, as CSV. */
@Path("/api/v1")
public class GradeResource {

  static final String TEXT_CSV = "text/csv";

  private final GradeService grades;
  private final CurrentCaller caller;

  GradeResource(GradeService grades, CurrentCaller caller) {
    this.grades = grades;
    this.caller = caller;
  }

  @GET
  @Path("/exercises/{exerciseId}/grades")
  @Produces(MediaType.APPLICATION_JSON)
  public List<GradeRow> json(@PathParam("exerciseId") UUID exerciseId) {
    return grades.report(caller.require(), exerciseId);
  }

  @GET
  @Path("/exercises/{exerciseId}/grades")
  @Produces(TEXT_CSV)
  public Response csv(@PathParam("exerciseId") UUID exerciseId) {
    var c = caller.require();
    String body = GradeCsv.render(grades.report(c, exerciseId));
    return Response.ok(body, TEXT_CSV + ";charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"grades-"
            + grades.slug(c, exerciseId) + ".csv\"")
        .build();
  }
}
