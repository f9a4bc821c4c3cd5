package dev.arbiter.api.lti.launch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * OIDC third-party login initiation. LMSs use GET or a POST form (Moodle posts); both answer with
 * a 302 that the browser follows to the LMS, which checks its own session cookie — we never call
 * the auth URL ourselves.
 */
@Path("/lti/login")
public class LoginResource {

  private final LoginService logins;

  LoginResource(LoginService logins) {
    this.logins = logins;
  }

  @GET
  public Response get(
      @QueryParam("iss") String iss,
      @QueryParam("login_hint") String loginHint,
      @QueryParam("target_link_uri") String targetLinkUri,
      @QueryParam("lti_message_hint") String ltiMessageHint,
      @QueryParam("client_id") String clientId,
      @QueryParam("lti_deployment_id") String deploymentId) {
    return redirect(new LoginInitiation(iss, loginHint, targetLinkUri, ltiMessageHint, clientId, deploymentId));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response post(
      @FormParam("iss") String iss,
      @FormParam("login_hint") String loginHint,
      @FormParam("target_link_uri") String targetLinkUri,
      @FormParam("lti_message_hint") String ltiMessageHint,
      @FormParam("client_id") String clientId,
      @FormParam("lti_deployment_id") String deploymentId) {
    return redirect(new LoginInitiation(iss, loginHint, targetLinkUri, ltiMessageHint, clientId, deploymentId));
  }

  private Response redirect(LoginInitiation login) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(Response.Status.FOUND)
        .location(logins.initiate(login))
        .cacheControl(noStore)
        .build();
  }
}
