package dev.arbiter.api.suite;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SuiteResource {

  private final SuiteService suites;
  private final CurrentCaller caller;

  SuiteResource(SuiteService suites, CurrentCaller caller) {
    this.suites = suites;
    this.caller = caller;
  }

  /** Uploads a new immutable suite version (the course's instructor) → 201 {@code {"version": N}}. */
  @PUT
  @Path("/exercises/{exerciseId}/suite")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("exerciseId") UUID exerciseId, PutSuite request) {
    SuiteVersionView v = suites.put(caller.require(), exerciseId, request);
    return Response.created(URI.create("/api/v1/exercises/" + exerciseId + "/suite/versions/"
            + v.version()))
        .entity(Map.of("version", v.version(), "tests", v.tests(), "maxScore", v.maxScore()))
        .build();
  }

  /** The current version (hidden tests reduced to names for students). */
  @GET
  @Path("/exercises/{exerciseId}/suite")
  public SuiteView current(@PathParam("exerciseId") UUID exerciseId) {
    return suites.current(caller.require(), exerciseId);
  }

  /** Every version's facts, newest first (TA or above). */
  @GET
  @Path("/exercises/{exerciseId}/suite/versions")
  public List<SuiteVersionView> versions(@PathParam("exerciseId") UUID exerciseId) {
    return suites.versions(caller.require(), exerciseId);
  }

  @GET
  @Path("/exercises/{exerciseId}/suite/versions/{version}")
  public SuiteView version(@PathParam("exerciseId") UUID exerciseId,
      @PathParam("version") int version) {
    return suites.version(caller.require(), exerciseId, version);
  }
}
