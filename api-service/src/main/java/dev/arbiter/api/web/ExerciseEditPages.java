package dev.arbiter.api.web;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.course.CourseService;
import dev.arbiter.api.course.CourseView;
import dev.arbiter.api.exercise.CreateExercise;
import dev.arbiter.api.exercise.ExerciseConfig;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.exercise.ExerciseView;
import dev.arbiter.api.exercise.LimitsRequest;
import dev.arbiter.api.exercise.UpdateExercise;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.view.ExerciseForm;
import dev.arbiter.api.web.view.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Instructors create and edit exercises and their limits. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ExerciseEditPages {

  private final CourseService courses;
  private final ExerciseService exercises;
  private final ExerciseConfig config;
  private final WebRequest web;
  private final ErrorPages errors;

  ExerciseEditPages(CourseService courses, ExerciseService exercises, ExerciseConfig config,
      WebRequest web, ErrorPages errors) {
    this.courses = courses;
    this.exercises = exercises;
    this.config = config;
    this.web = web;
    this.errors = errors;
  }

  @GET
  @Path("courses/{courseId}/exercises/new")
  public Response newForm(@PathParam("courseId") UUID courseId) {
    CourseView course = instructorCourse(web.caller(), courseId);
    return page(200, course, null, ExerciseForm.blank(), null);
  }

  @POST
  @Path("courses/{courseId}/exercises/new")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(@PathParam("courseId") UUID courseId, @RestForm("_csrf") String csrf,
      @RestForm String slug, @RestForm String title, @RestForm String description,
      @RestForm String language, @RestForm String timeSeconds, @RestForm String memoryMb,
      @RestForm String outputKb, @RestForm String diskMb) {
    web.requireCsrf(csrf);
    Caller caller = web.caller();
    CourseView course = instructorCourse(caller, courseId);
    ExerciseForm form = new ExerciseForm(slug, title, description, language, timeSeconds,
        memoryMb, outputKb, diskMb);
    try {
      ExerciseView created = exercises.create(caller, courseId, new CreateExercise(
          slug == null ? null : slug.strip(), title, description, language,
          new LimitsRequest(number("timeSeconds", timeSeconds), number("memoryMb", memoryMb),
              number("outputKb", outputKb), number("diskMb", diskMb), null)));
      return Response.seeOther(URI.create("/exercises/" + created.id() + "/suite?created=1"))
          .build();
    } catch (ProblemException e) {
      return page(e.problem().status(), course, null, form, problem(e));
    }
  }

  @GET
  @Path("exercises/{exerciseId}/edit")
  public Response editForm(@PathParam("exerciseId") UUID exerciseId) {
    Caller caller = web.caller();
    ExerciseView ex = exercises.get(caller, exerciseId);
    CourseView course = instructorCourse(caller, UUID.fromString(ex.courseId()));
    // The form shows what was asked for, capped as the service applies it.
    ExerciseForm form = new ExerciseForm(ex.slug(), ex.title(), ex.description(), ex.language(),
        Integer.toString(ex.limits().timeSeconds()), Integer.toString(ex.limits().memoryMb()),
        Integer.toString(ex.limits().outputKb()), Integer.toString(ex.limits().diskMb()));
    return page(200, course, ex.id(), form, null);
  }

  @POST
  @Path("exercises/{exerciseId}/edit")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response edit(@PathParam("exerciseId") UUID exerciseId, @RestForm("_csrf") String csrf,
      @RestForm String title, @RestForm String description, @RestForm String timeSeconds,
      @RestForm String memoryMb, @RestForm String outputKb, @RestForm String diskMb) {
    web.requireCsrf(csrf);
    Caller caller = web.caller();
    ExerciseView ex = exercises.get(caller, exerciseId);
    CourseView course = instructorCourse(caller, UUID.fromString(ex.courseId()));
    ExerciseForm form = new ExerciseForm(ex.slug(), title, description, ex.language(),
        timeSeconds, memoryMb, outputKb, diskMb);
    try {
      exercises.update(caller, exerciseId, new UpdateExercise(title,
          description == null ? "" : description,
          new LimitsRequest(required("timeSeconds", timeSeconds), required("memoryMb", memoryMb),
              required("outputKb", outputKb), required("diskMb", diskMb), null)));
      return Response.seeOther(URI.create("/exercises/" + exerciseId + "?saved=1")).build();
    } catch (ProblemException e) {
      return page(e.problem().status(), course, ex.id(), form, problem(e));
    }
  }

  private CourseView instructorCourse(Caller caller, UUID courseId) {
    CourseView course = courses.get(caller, courseId);
    if (course.role() != CourseRole.INSTRUCTOR) {
      throw ProblemException.forbidden("only the course's instructors change exercises");
    }
    return course;
  }

  private Response page(int status, CourseView course, String exerciseId, ExerciseForm form,
      Problem error) {
    return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.exerciseEdit(web.chrome(), course.id(), course.title(), exerciseId,
            form, config.languages(), error))
        .build();
  }

  /** The field a core message is about, so the page can mark it and link to it. */
  static Problem problem(ProblemException e) {
    var p = e.problem();
    String detail = p.detail() == null ? "" : p.detail();
    String lower = detail.toLowerCase(Locale.ROOT);
    String field = lower.startsWith("slug") || lower.contains("exercise '") ? "slug"
        : lower.startsWith("title") ? "title"
        : lower.startsWith("language") ? "language"
        : lower.contains("limits") ? "limits"
        : null;
    return new Problem(p.status(), p.title(), detail, field);
  }

  private static Integer number(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("limits." + field + " must be a whole number");
    }
  }

  private static int required(String field, String text) {
    Integer n = number(field, text);
    if (n == null) {
      throw ProblemException.invalid("limits." + field + " is required");
    }
    return n;
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
