package dev.arbiter.api.lti.ags;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Grade passback of an exercise, for its staff. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PassbackResource {

  /** Body of the policy endpoints. */
  public record PolicyBody(PassbackPolicy policy) {}

  private final PassbackService passbacks;
  private final CurrentCaller caller;

  PassbackResource(PassbackService passbacks, CurrentCaller caller) {
    this.passbacks = passbacks;
    this.caller = caller;
  }

  /** Each student's passback state: SENT, PENDING or FAILED with the LMS's reason (TA or instructor). */
  @GET
  @Path("/lti/exercises/{exerciseId}/passback")
  public List<PassbackView> states(@PathParam("exerciseId") UUID exerciseId) {
    return passbacks.states(caller.require(), exerciseId);
  }

  @GET
  @Path("/lti/exercises/{exerciseId}/passback-policy")
  public PolicyBody policy(@PathParam("exerciseId") UUID exerciseId) {
    return new PolicyBody(passbacks.policy(caller.require(), exerciseId));
  }

  /** {@code {"policy": "best" | "latest"}} (instructor). */
  @PUT
  @Path("/lti/exercises/{exerciseId}/passback-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  public PolicyBody setPolicy(@PathParam("exerciseId") UUID exerciseId, PolicyBody body) {
    return new PolicyBody(passbacks.setPolicy(caller.require(), exerciseId, body == null ? null : body.policy()));
  }
}
