package dev.arbiter.api.lti.deeplink;

import dev.arbiter.api.auth.CurrentCaller;
import dev.arbiter.api.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** The picker's form target; the launch session cookie says who is picking. */
@Path("/lti/deep-linking/{requestId}")
public class DeepLinkingResource {

  private final DeepLinkingService deepLinking;
  private final CurrentCaller caller;

  DeepLinkingResource(DeepLinkingService deepLinking, CurrentCaller caller) {
    this.deepLinking = deepLinking;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response pick(@PathParam("requestId") String requestId, @FormParam("exerciseId") String exerciseId) {
    if (caller.get().isEmpty()) {
      throw ProblemException.unauthorized("the deep-linking session has ended; start again from the LMS");
    }
    return deepLinking.pick(caller.get().get(), uuid(requestId, "deep-linking request"), uuid(exerciseId, "exercise"));
  }

  private static UUID uuid(String raw, String what) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.notFound(what);
    }
  }
}
