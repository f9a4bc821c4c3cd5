package dev.arbiter.api.exercise;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExerciseResource {

  private final ExerciseService exercises;
  private final CurrentCaller caller;

  ExerciseResource(ExerciseService exercises, CurrentCaller caller) {
    this.exercises = exercises;
    this.caller = caller;
  }

  /** Creates an exercise (the course's instructor). */
  @POST
  @Path("/courses/{courseId}/exercises")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("courseId") UUID courseId, CreateExercise request) {
    ExerciseView created = exercises.create(caller.require(), courseId, request);
    return Response.created(URI.create("/api/v1/exercises/" + created.id())).entity(created)
        .build();
  }

  /** Changes title, description or limits (the course's instructor). */
  @PATCH
  @Path("/exercises/{exerciseId}")
  @Consumes(MediaType.APPLICATION_JSON)
  public ExerciseView update(@PathParam("exerciseId") UUID exerciseId, UpdateExercise request) {
    return exercises.update(caller.require(), exerciseId, request);
  }

  /** The course's exercises (course members). */
  @GET
  @Path("/courses/{courseId}/exercises")
  public List<ExerciseView> list(@PathParam("courseId") UUID courseId) {
    return exercises.list(caller.require(), courseId);
  }

  /** The exercise with its effective limits and current suite version (course members). */
  @GET
  @Path("/exercises/{exerciseId}")
  public ExerciseView get(@PathParam("exerciseId") UUID exerciseId) {
    return exercises.get(caller.require(), exerciseId);
  }
}
