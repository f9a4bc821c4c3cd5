package dev.arbiter.api.submission;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

  private final SubmissionService submissions;
  private final CurrentCaller caller;

  SubmissionResource(SubmissionService submissions, CurrentCaller caller) {
    this.submissions = submissions;
    this.caller = caller;
  }

  /** Submits files (course members) → 202 once the submission and its job are durable. */
  @POST
  @Path("/exercises/{exerciseId}/submissions")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response submit(@PathParam("exerciseId") UUID exerciseId,
      @HeaderParam("Idempotency-Key") String idempotencyKey, CreateSubmission request) {
    Caller c = caller.require();
    Submitted s;
    try {
      s = submissions.submit(c, exerciseId, request, idempotencyKey);
    } catch (DuplicateSubmission raced) {
      s = submissions.byIdempotencyKey(c, exerciseId, idempotencyKey);
    }
    return Response.accepted(s).location(URI.create("/api/v1/submissions/" + s.id())).build();
  }

  /** The caller's submissions to an exercise; staff may pass {@code userId} or {@code all}. */
  @GET
  @Path("/exercises/{exerciseId}/submissions")
  public List<SubmissionSummary> list(@PathParam("exerciseId") UUID exerciseId,
      @QueryParam("userId") UUID userId, @QueryParam("all") boolean all) {
    return submissions.list(caller.require(), exerciseId, userId, all);
  }

  /** A submission (its author, or staff of the course). */
  @GET
  @Path("/submissions/{submissionId}")
  public SubmissionView get(@PathParam("submissionId") UUID submissionId) {
    return submissions.get(caller.require(), submissionId);
  }
}
