package dev.arbiter.api.lti.launch;

import dev.arbiter.api.lti.LtiClaims;
import dev.arbiter.api.lti.LtiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Turns a validated launch into Arbiter state and the browser's next step. */
@ApplicationScoped
public class LaunchService {

  public Response complete(LtiLaunch launch) {
    String exerciseId = launch.custom().get(LtiClaims.CUSTOM_EXERCISE_ID);
    if (exerciseId == null) {
      throw LtiProblem.badRequest("the resource link has no custom exercise_id");
    }
    return Response.seeOther(URI.create("/exercises/" + exerciseId)).status(302).build();
  }
}
