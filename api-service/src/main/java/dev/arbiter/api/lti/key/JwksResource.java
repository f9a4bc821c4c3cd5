package dev.arbiter.api.lti.key;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The tool's public keys, fetched by LMSs to verify our client assertions and deep-link responses. */
@Path("/lti/jwks")
public class JwksResource {

  private final ToolKeyStore keys;

  JwksResource(ToolKeyStore keys) {
    this.keys = keys;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response jwks() {
    CacheControl cache = new CacheControl();
    // Short: after a rotation LMSs should see the new key soon; old keys stay listed meanwhile.
    cache.setMaxAge(300);
    return Response.ok(keys.publicJwks().toString(true)).cacheControl(cache).build();
  }
}
