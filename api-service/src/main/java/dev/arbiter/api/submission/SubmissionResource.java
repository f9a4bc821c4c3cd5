package dev.arbiter.api.submission;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.auth.CurrentCaller;
import dev.arbiter.api.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

  static final int MAX_WAIT_SECONDS = 30;

  private final SubmissionService submissions;
  private final CurrentCaller caller;
  private final FinishWaits waits;

  SubmissionResource(SubmissionService submissions, CurrentCaller caller, FinishWaits waits) {
    this.submissions = submissions;
    this.caller = caller;
    this.waits = waits;
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

  /**
   * A submission (its author, or staff of the course). With {@code waitSeconds} (1 to 30) the
   * answer waits until the submission is finished or that time has passed, so a client need not
   * poll.
   */
  @GET
  @Path("/submissions/{submissionId}")
  public SubmissionView get(@PathParam("submissionId") UUID submissionId,
      @QueryParam("waitSeconds") @DefaultValue("0") int waitSeconds) {
    if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
      throw ProblemException.invalid("waitSeconds must be between 0 and " + MAX_WAIT_SECONDS);
    }
    Caller c = caller.require();
    SubmissionView view = submissions.get(c, submissionId);
    if (waitSeconds == 0 || view.status().isFinal()) {
      return view;
    }
    waits.await(submissionId, Duration.ofSeconds(waitSeconds),
        () -> submissions.statusOf(submissionId).isFinal());
    return submissions.get(c, submissionId);
  }
}
