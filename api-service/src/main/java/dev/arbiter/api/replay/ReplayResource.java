package dev.arbiter.api.replay;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Administrators: submissions the platform could not grade, and grading them again. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

  private final ReplayService replays;
  private final CurrentCaller caller;

  ReplayResource(ReplayService replays, CurrentCaller caller) {
    this.replays = replays;
    this.caller = caller;
  }

  /** FAILED_INFRA submissions with the staff-visible reason, oldest first. */
  @GET
  @Path("/admin/failed-submissions")
  public List<FailedSubmission> failed(@QueryParam("courseId") UUID courseId,
      @QueryParam("exerciseId") UUID exerciseId, @QueryParam("limit") Integer limit) {
    return replays.failed(caller.require(), new ReplayRequest(null, courseId, exerciseId, limit));
  }

  /** Re-queues FAILED_INFRA submissions (all, or those the body names) → 202. */
  @POST
  @Path("/admin/failed-submissions/replay")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response replay(ReplayRequest request) {
    return Response.accepted(replays.replay(caller.require(), request)).build();
  }
}
