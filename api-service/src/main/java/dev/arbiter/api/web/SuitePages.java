package dev.arbiter.api.web;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.course.CourseAccess;
import dev.arbiter.api.course.CourseRole;
import dev.arbiter.api.course.CourseService;
import dev.arbiter.api.exercise.ExerciseService;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.suite.PutSuite;
import dev.arbiter.api.suite.SuiteService;
import dev.arbiter.api.suite.SuiteVersionView;
import dev.arbiter.api.suite.SuiteView;
import dev.arbiter.api.user.UserRepository;
import dev.arbiter.api.web.instructor.DryRuns;
import dev.arbiter.api.web.instructor.Regrades;
import dev.arbiter.api.web.instructor.SuiteUpload;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.student.SubmissionPanels;
import dev.arbiter.api.web.suitezip.SuiteZipParser;
import dev.arbiter.api.web.view.Chrome;
import dev.arbiter.api.web.view.DryRunView;
import dev.arbiter.api.web.view.ExerciseView;
import dev.arbiter.api.web.view.Problem;
import dev.arbiter.api.web.view.SuiteVersionRow;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
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
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An exercise's test suite for its instructors: upload a version as a zip or JSON, list
 * versions, dry-run a reference solution against a draft, regrade everyone on a new version.
 */
@Path("/")
public class SuitePages {

  private final ExerciseService exercises;
  private final CourseService courses;
  private final CourseAccess access;
  private final SuiteService suites;
  private final DryRuns dryRuns;
  private final Regrades regrades;
  private final SubmissionPanels panels;
  private final SuiteUpload upload;
  private final WebRequest web;
  private final ErrorPages errors;
  private final WebConfig.SuiteZip zipLimits;
  private final UserRepository users;

  SuitePages(ExerciseService exercises, CourseService courses, CourseAccess access,
      SuiteService suites, DryRuns dryRuns, Regrades regrades, SubmissionPanels panels,
      WebRequest web, ErrorPages errors, WebConfig config, UserRepository users) {
    this.users = users;
    this.exercises = exercises;
    this.courses = courses;
    this.access = access;
    this.suites = suites;
    this.dryRuns = dryRuns;
    this.regrades = regrades;
    this.panels = panels;
    this.web = web;
    this.errors = errors;
    this.zipLimits = config.suiteZip();
    this.upload = new SuiteUpload(new SuiteZipParser(new SuiteZipParser.Limits(
        zipLimits.maxZipBytes(), zipLimits.maxUnpackedBytes(), zipLimits.maxFileBytes(),
        zipLimits.maxEntries())));
  }

  @GET
  @Path("exercises/{exerciseId}/suite")
  @Produces(MediaType.TEXT_HTML)
  public Response page(@PathParam("exerciseId") UUID exerciseId, @RestQuery Integer saved,
      @RestQuery Integer created, @RestQuery UUID dryRun, @RestQuery Integer regraded) {
    Caller caller = web.caller();
    ExerciseView ex = instructorView(caller, exerciseId);
    Chrome chrome = web.chrome();
    if (saved != null) {
      chrome = chrome.withFlash("Suite version " + saved + " saved."
          + (regraded != null ? " Every student's latest submission is being regraded on it." : ""));
    } else if (created != null) {
      chrome = chrome.withFlash("Exercise created. Upload its first test suite to open it for submissions.");
    }
    DryRunView dry = null;
    if (dryRun != null) {
      DryRuns.Found found = dryRuns.get(caller, dryRun);
      dry = new DryRunView(panels.dryRun(found), found.suite().tests().size());
    }
    return Response.ok(Templates.suite(chrome, ex, versions(caller, exerciseId, ex),
        regrades.list(caller, exerciseId), dry, null, null, null)).build();
  }

  /** One version as the contract's JSON, for download (staff). */
  @GET
  @Path("exercises/{exerciseId}/suite/{version}.json")
  @Produces(MediaType.APPLICATION_JSON)
  public Response versionJson(@PathParam("exerciseId") UUID exerciseId,
      @PathParam("version") int version) {
    Caller caller = web.caller();
    SuiteView v = suites.version(caller, exerciseId, version);
    return Response.ok(v).header("Content-Disposition",
        "attachment; filename=\"suite-v" + version + ".json\"").build();
  }

  @POST
  @Path("exercises/{exerciseId}/suite")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.TEXT_HTML)
  public Response upload(@PathParam("exerciseId") UUID exerciseId,
      @RestForm("_csrf") String csrf, @RestForm FileUpload suiteFile, @RestForm String suiteJson,
      @RestForm String action, @RestForm String reference) {
    web.requireCsrf(csrf);
    Caller caller = web.caller();
    ExerciseView ex = instructorView(caller, exerciseId);
    try {
      PutSuite put = parse(suiteFile, suiteJson);
      if ("dry-run".equals(action)) {
        TestSuite draft = SuiteUpload.draft(put, DryRuns.MAX_TESTS);
        UUID run = dryRuns.start(caller, exerciseId, draft, reference);
        return Response.seeOther(URI.create("/exercises/" + exerciseId + "/suite?dryRun=" + run))
            .build();
      }
      int version = suites.put(caller, exerciseId, put).version();
      if ("publish-regrade".equals(action)) {
        regrades.start(caller, exerciseId, version);
        return Response.seeOther(URI.create("/exercises/" + exerciseId + "/suite?saved=" + version
            + "&regraded=1")).build();
      }
      return Response.seeOther(URI.create("/exercises/" + exerciseId + "/suite?saved=" + version))
          .build();
    } catch (ProblemException e) {
      var p = e.problem();
      Problem shown = new Problem(p.status(), p.title(), p.detail(), "suiteFile");
      return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE)
          .entity(Templates.suite(web.chrome(), ex, versions(caller, exerciseId, ex),
              regrades.list(caller, exerciseId), null, shown, suiteJson, reference))
          .build();
    }
  }

  private PutSuite parse(FileUpload file, String json) {
    if (file != null && file.size() > 0) {
      if (file.size() > zipLimits.maxZipBytes()) {
        throw ProblemException.tooLarge("the suite file is larger than "
            + zipLimits.maxZipBytes() + " bytes");
      }
      try {
        return upload.parse(Files.readAllBytes(file.uploadedFile()));
      } catch (IOException e) {
        throw new IllegalStateException("could not read an uploaded file", e);
      }
    }
    if (json != null && !json.isBlank()) {
      return upload.parseJson(json);
    }
    throw ProblemException.invalid("choose a suite file (.zip or .json) or paste the suite JSON");
  }

  private ExerciseView instructorView(Caller caller, UUID exerciseId) {
    var ex = exercises.get(caller, exerciseId);
    UUID courseId = UUID.fromString(ex.courseId());
    CourseRole role = access.roleOf(caller, courseId)
        .orElseThrow(() -> ProblemException.notFound("exercise"));
    if (role != CourseRole.INSTRUCTOR) {
      throw ProblemException.forbidden("only the course's instructors manage test suites");
    }
    String entrypoint = ex.suiteVersion() == null ? "main.py"
        : suites.current(caller, exerciseId).entrypoint();
    return new ExerciseView(ex.id(), ex.courseId(), courses.get(caller, courseId).title(),
        ex.slug(), ex.title(), ex.description(), ex.language(), ex.limits(),
        ex.suiteVersion() == null ? 0 : ex.suiteVersion(), entrypoint,
        caller.admin() ? "ADMIN" : role.name());
  }

  private List<SuiteVersionRow> versions(Caller caller, UUID exerciseId, ExerciseView ex) {
    return suites.versions(caller, exerciseId).stream()
        .map((SuiteVersionView v) -> {
          SuiteView full = suites.version(caller, exerciseId, v.version());
          int hidden = (int) full.tests().stream()
              .filter(t -> t.visibility() == Visibility.HIDDEN).count();
          String by = users.findByIdOptional(UUID.fromString(v.createdBy())).map(u -> u.name)
              .orElse(v.createdBy());
          return new SuiteVersionRow(v.version(), v.tests(), hidden, v.maxScore(),
              v.createdAt().toString(), by, v.version() == ex.suiteVersion());
        })
        .toList();
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
