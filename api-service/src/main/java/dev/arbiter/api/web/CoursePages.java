package dev.arbiter.api.web;

import dev.arbiter.api.course.CourseService;
import dev.arbiter.api.course.CourseView;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.view.CourseCard;
import dev.arbiter.api.web.view.ExerciseRow;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The signed-in user's courses. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class CoursePages {

  private final CourseService courses;
  private final ExerciseService exercises;
  private final WebRequest web;
  private final ErrorPages errors;

  CoursePages(CourseService courses, ExerciseService exercises, WebRequest web,
      ErrorPages errors) {
    this.courses = courses;
    this.exercises = exercises;
    this.web = web;
    this.errors = errors;
  }

  @GET
  @Path("courses")
  public TemplateInstance list() {
    var caller = web.caller();
    List<CourseCard> cards = courses.list(caller).stream()
        .map(c -> card(c, caller.admin()))
        .toList();
    return Templates.courses(web.chrome(), cards);
  }

  @GET
  @Path("courses/{courseId}")
  public TemplateInstance course(@PathParam("courseId") UUID courseId) {
    var caller = web.caller();
    CourseCard card = card(courses.get(caller, courseId), caller.admin());
    List<ExerciseRow> rows = exercises.list(caller, courseId).stream()
        .map(e -> new ExerciseRow(e.id(), e.slug(), e.title(),
            e.suiteVersion() == null ? 0 : e.suiteVersion()))
        .toList();
    return Templates.course(web.chrome(), card, rows);
  }

  static CourseCard card(CourseView c, boolean admin) {
    return new CourseCard(c.id(), c.title(), admin ? "ADMIN" : c.role().name());
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
