package dev.arbiter.api.lti.launch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The redirect URI: the LMS's auth endpoint makes the browser POST {@code id_token} and {@code
 * state} here (LTI 1.3 core §5.1.1, form_post).
 */
@Path("/lti/launch")
public class LaunchResource {

  private final IdTokenValidator validator;
  private final LaunchService launches;

  LaunchResource(IdTokenValidator validator, LaunchService launches) {
    this.validator = validator;
    this.launches = launches;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(@FormParam("id_token") String idToken, @FormParam("state") String state) {
    return launches.complete(validator.validate(idToken, state));
  }
}
