package dev.arbiter.api.user;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private final UserService users;
  private final CurrentCaller caller;

  UserResource(UserService users, CurrentCaller caller) {
    this.users = users;
    this.caller = caller;
  }

  /** Creates a user (administrator); the answer holds their token, shown this once. */
  @POST
  @Path("/users")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateUser request) {
    CreatedUser created = users.create(caller.require(), request);
    return Response.created(URI.create("/api/v1/users/" + created.id())).entity(created).build();
  }

  /** The caller's own account. */
  @GET
  @Path("/users/me")
  public UserView me() {
    var c = caller.require();
    return users.get(c, c.userId());
  }

  /** A user: themself or an administrator. */
  @GET
  @Path("/users/{userId}")
  public UserView get(@PathParam("userId") UUID userId) {
    return users.get(caller.require(), userId);
  }

  /** Issues an additional API token (the user themself or an administrator), shown once. */
  @POST
  @Path("/users/{userId}/tokens")
  public Response issueToken(@PathParam("userId") UUID userId) {
    CreatedUser created = users.issueToken(caller.require(), userId);
    return Response.status(Response.Status.CREATED).entity(created).build();
  }
}
