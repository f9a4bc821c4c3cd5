package dev.arbiter.api.lti.key;

import dev.arbiter.api.auth.CurrentCaller;
import dev.arbiter.api.problem.ProblemException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code POST /api/v1/lti/keys/rotate}: an administrator replaces the tool's signing key now. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ToolKeyResource {

  private final ToolKeyStore keys;
  private final CurrentCaller caller;

  ToolKeyResource(ToolKeyStore keys, CurrentCaller caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @POST
  @Path("/lti/keys/rotate")
  public Map<String, String> rotate() {
    if (!caller.require().admin()) {
      throw ProblemException.forbidden("only administrators may rotate the LTI key");
    }
    return Map.of("kid", keys.rotate());
  }
}
