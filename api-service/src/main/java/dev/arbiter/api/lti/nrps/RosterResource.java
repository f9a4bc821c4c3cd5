package dev.arbiter.api.lti.nrps;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** {@code POST /api/v1/lti/courses/{courseId}/roster-sync}: pull the LMS roster now (instructor). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RosterResource {

  private final RosterSyncService roster;
  private final CurrentCaller caller;

  RosterResource(RosterSyncService roster, CurrentCaller caller) {
    this.roster = roster;
    this.caller = caller;
  }

  @POST
  @Path("/lti/courses/{courseId}/roster-sync")
  public RosterSyncService.RosterSyncResult sync(@PathParam("courseId") UUID courseId) {
    return roster.sync(caller.require(), courseId);
  }
}
