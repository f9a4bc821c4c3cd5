package dev.arbiter.api.course;

import dev.arbiter.api.auth.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
public class CourseResource {

  private final CourseService courses;
  private final CurrentCaller caller;

  CourseResource(CourseService courses, CurrentCaller caller) {
    this.courses = courses;
    this.caller = caller;
  }

  /** Creates a course (administrator). */
  @POST
  @Path("/courses")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateCourse request) {
    CourseView created = courses.create(caller.require(), request);
    return Response.created(URI.create("/api/v1/courses/" + created.id())).entity(created).build();
  }

  /** The caller's courses (all of them for an administrator). */
  @GET
  @Path("/courses")
  public List<CourseView> list() {
    return courses.list(caller.require());
  }

  @GET
  @Path("/courses/{courseId}")
  public CourseView get(@PathParam("courseId") UUID courseId) {
    return courses.get(caller.require(), courseId);
  }

  /** Adds a member or sets their role (administrator or the course's instructor). */
  @PUT
  @Path("/courses/{courseId}/members/{userId}")
  @Consumes(MediaType.APPLICATION_JSON)
  public MemberView putMember(@PathParam("courseId") UUID courseId,
      @PathParam("userId") UUID userId, PutMember request) {
    return courses.putMember(caller.require(), courseId, userId, request);
  }

  /** The course's members (TA or above). */
  @GET
  @Path("/courses/{courseId}/members")
  public List<MemberView> members(@PathParam("courseId") UUID courseId) {
    return courses.members(caller.require(), courseId);
  }
}
