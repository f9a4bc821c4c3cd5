package dev.arbiter.api.web;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.course.CourseService;
import dev.arbiter.api.course.CourseView;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.submission.CreateSubmission;
import dev.arbiter.api.submission.SubmissionService;
import dev.arbiter.api.submission.Submitted;
import dev.arbiter.api.suite.SuiteService;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.view.ExerciseView;
import dev.arbiter.api.web.view.HistoryRow;
import dev.arbiter.api.web.view.Problem;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The exercise page: task, limits, editor and upload, submit, own history. */
@Path("/")
public class ExercisePages {

  /** Uploaded source files larger than this are refused before reading (the core caps again). */
  static final long MAX_UPLOAD_BYTES = 1 << 20;

  private final ExerciseService exercises;
  private final CourseService courses;
  private final CourseAccess access;
  private final SuiteService suites;
  private final SubmissionService submissions;
  private final WebRequest web;
  private final ErrorPages errors;

  ExercisePages(ExerciseService exercises, CourseService courses, CourseAccess access,
      SuiteService suites, SubmissionService submissions, WebRequest web, ErrorPages errors) {
    this.exercises = exercises;
    this.courses = courses;
    this.access = access;
    this.suites = suites;
    this.submissions = submissions;
    this.web = web;
    this.errors = errors;
  }

  @GET
  @Path("exercises/{exerciseId}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance page(@PathParam("exerciseId") UUID exerciseId,
      @RestQuery Integer saved) {
    Caller caller = web.caller();
    var chrome = saved == null ? web.chrome() : web.chrome().withFlash("Exercise saved.");
    return Templates.exercise(chrome, view(caller, exerciseId), history(caller, exerciseId),
        null, null, null);
  }

  @GET
  @Path("exercises/{exerciseId}/history")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance historyFragment(@PathParam("exerciseId") UUID exerciseId) {
    return Templates.exerciseHistory(history(web.caller(), exerciseId));
  }

  /**
   * Submits the editor's content (or the uploaded file). A page script asks for JSON and gets
   * 202 with the panel to show; a plain form post is redirected to the submission's page.
   */
  @POST
  @Path("exercises/{exerciseId}/submissions")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
  public Response submit(@PathParam("exerciseId") UUID exerciseId,
      @RestForm("_csrf") String csrf, @RestForm String filename, @RestForm String code,
      @RestForm FileUpload file, HttpHeaders headers) {
    web.requireCsrf(csrf);
    Caller caller = web.caller();
    String name = filename == null ? "" : filename.strip();
    String content = code == null ? "" : code;
    try {
      if (file != null && file.size() > 0) {
        if (file.size() > MAX_UPLOAD_BYTES) {
          throw ProblemException.tooLarge("the uploaded file is larger than 1 MiB");
        }
        content = utf8(Files.readAllBytes(file.uploadedFile()));
        if (name.isEmpty() && file.fileName() != null) {
          name = file.fileName();
        }
      }
      if (content.isBlank()) {
        throw ProblemException.invalid("there is no code to submit: type it in the editor or "
            + "choose a file");
      }
      Submitted s = submissions.submit(caller, exerciseId,
          new CreateSubmission(Map.of(name, content)), null);
      if (ErrorPages.wantsJson(headers)) {
        return Response.accepted(Map.of("id", s.id(), "status", s.status().name(),
                "panelUrl", "/submissions/" + s.id() + "/panel"))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .location(URI.create("/submissions/" + s.id())).build();
      }
      return Response.seeOther(URI.create("/submissions/" + s.id())).build();
    } catch (ProblemException e) {
      if (ErrorPages.wantsJson(headers)) {
        return errors.render(e, headers);
      }
      var p = e.problem();
      // Without a script the page comes back with the code as typed and the reason above it.
      return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE)
          .entity(Templates.exercise(web.chrome(), view(caller, exerciseId),
              history(caller, exerciseId), Problem.of(p.status(), p.title(), p.detail()), name,
              content))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("could not read an uploaded file", e);
    }
  }

  private ExerciseView view(Caller caller, UUID exerciseId) {
    var ex = exercises.get(caller, exerciseId);
    UUID courseId = UUID.fromString(ex.courseId());
    CourseView course = courses.get(caller, courseId);
    String role = caller.admin() ? "ADMIN"
        : access.roleOf(caller, courseId).map(CourseRole::name).orElse("STUDENT");
    String entrypoint = ex.suiteVersion() == null ? "main.py"
        : suites.current(caller, exerciseId).entrypoint();
    return new ExerciseView(ex.id(), ex.courseId(), course.title(), ex.slug(), ex.title(),
        ex.description(), ex.language(), ex.limits(),
        ex.suiteVersion() == null ? 0 : ex.suiteVersion(), entrypoint, role);
  }

  private List<HistoryRow> history(Caller caller, UUID exerciseId) {
    return submissions.list(caller, exerciseId, null, false).stream()
        .sorted((a, b) -> b.receivedAt().compareTo(a.receivedAt()))
        .map(s -> new HistoryRow(s.id(), s.status().name(), s.score(), s.maxScore(),
            s.suiteVersion(), s.receivedAt().toString()))
        .toList();
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw ProblemException.invalid("the uploaded file is not UTF-8 text");
    }
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
