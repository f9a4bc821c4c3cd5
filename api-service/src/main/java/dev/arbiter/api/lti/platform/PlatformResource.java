package dev.arbiter.api.lti.platform;

import dev.arbiter.api.auth.CurrentCaller;
import dev.arbiter.api.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Administrators register LMSs: {@code POST /api/v1/lti/platforms} (CONTRACT.md) and list them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

  private final PlatformService platforms;
  private final CurrentCaller caller;

  PlatformResource(PlatformService platforms, CurrentCaller caller) {
    this.platforms = platforms;
    this.caller = caller;
  }

  @POST
  @Path("/lti/platforms")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(@Valid RegisterPlatform request) {
    requireAdmin();
    if (request == null) {
      throw ProblemException.invalid("request body is required");
    }
    Platform p = platforms.register(request);
    return Response.created(URI.create("/api/v1/lti/platforms/" + p.id))
        .entity(Map.of("id", p.id.toString()))
        .build();
  }

  @GET
  @Path("/lti/platforms")
  public List<PlatformView> list() {
    requireAdmin();
    return platforms.list().stream().map(PlatformView::from).toList();
  }

  private void requireAdmin() {
    if (!caller.require().admin()) {
      throw ProblemException.forbidden("only administrators may manage LTI platforms");
    }
  }
}
