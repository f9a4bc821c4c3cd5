package dev.arbiter.api.web;

import dev.arbiter.api.exercise.ExerciseView;
import dev.arbiter.api.grade.GradeCsv;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.web.chart.PassRateChart;
import dev.arbiter.api.web.chart.ScoreHistogram;
import dev.arbiter.api.web.report.GradeReports;
import dev.arbiter.api.web.report.GradeTable;
import dev.arbiter.api.web.report.StudentGrades;
import dev.arbiter.api.web.session.WebRequest;
import dev.arbiter.api.web.view.ReportQuery;
import dev.arbiter.api.web.view.ReportView;
import dev.arbiter.api.web.view.ReportView.Cell;
import dev.arbiter.api.web.view.ReportView.Column;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Grade reports for teaching staff: per exercise (best, latest, attempts, last submission,
 * passback; histogram and per-test pass rate) and per course (best per exercise and total).
 * Sorting, filtering and paging are query parameters, so every view is a link; the CSV export
 * is the same filtered, sorted table without paging.
 */
@Path("/")
public class ReportPages {

  private static final String[] EXERCISE_COLUMNS = {
    "name", "Student", "email", "Email", "best", "Best", "latest", "Latest",
    "attempts", "Attempts", "last", "Last submission"};

  private final GradeReports reports;
  private final WebRequest web;
  private final ErrorPages errors;
  private final int pageSize;

  ReportPages(GradeReports reports, WebRequest web, ErrorPages errors, WebConfig config) {
    this.reports = reports;
    this.web = web;
    this.errors = errors;
    this.pageSize = config.report().pageSize();
  }

  @GET
  @Path("exercises/{exerciseId}/report")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance exercise(@PathParam("exerciseId") UUID exerciseId,
      @RestQuery String sort, @RestQuery String dir, @RestQuery String q, @RestQuery String show,
      @RestQuery Integer page) {
    GradeReports.ExerciseReport r = reports.exercise(web.caller(), exerciseId);
    GradeTable.Request req = GradeTable.Request.of(sort, dir, q, show, page, pageSize);
    GradeTable.Page p = GradeTable.page(r.students(), req);
    String path = "/exercises/" + exerciseId + "/report";
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < EXERCISE_COLUMNS.length; i += 2) {
      columns.add(column(path, req, EXERCISE_COLUMNS[i], EXERCISE_COLUMNS[i + 1],
          i >= 4 && i <= 8));
    }
    columns.add(new Column("passback", "LMS passback", false, false, "none", null));
    columns.add(new Column("detail", "Submission", false, false, "none", null));
    List<ReportView.Row> rows = p.rows().stream().map(s -> new ReportView.Row(s.name(), List.of(
        Cell.text("name", s.name()),
        Cell.text("email", Objects.toString(s.email(), "")),
        Cell.number("best", WebTemplateExtensions.pts(s.best())),
        Cell.number("latest", WebTemplateExtensions.pts(s.latest())),
        Cell.number("attempts", Integer.toString(s.attempts())),
        Cell.time("last", s.lastSubmittedAt() == null ? null : s.lastSubmittedAt().toString()),
        Cell.text("passback", s.passback() == null ? "—" : s.passback()),
        s.latestSubmissionId() == null ? Cell.text("detail", "")
            : Cell.link("detail", "latest", "/submissions/" + s.latestSubmissionId()))))
        .toList();
    List<Double> best = r.students().stream().map(StudentGrades::best).filter(Objects::nonNull)
        .toList();
    ExerciseView ex = r.exercise();
    ReportView view = new ReportView(ex.title(), r.course().id(), r.course().title(), ex.id(),
        ex.suiteVersion() == null ? 0 : ex.suiteVersion(), r.maxScore(), r.students().size(),
        (int) r.students().stream().filter(StudentGrades::submitted).count(),
        ScoreHistogram.svg(best, r.maxScore()), PassRateChart.svg(r.passRates()), path,
        path + ".csv?" + ReportQuery.encode(req.sort(), req.dir(), req.query(), req.show(), 1),
        req.sort(), req.dir(), req.query(), req.show(), p.page(), p.pages(), p.matching(),
        columns, rows);
    return Templates.report(web.chrome(), view);
  }

  @GET
  @Path("exercises/{exerciseId}/report.csv")
  @Produces("text/csv")
  public Response exerciseCsv(@PathParam("exerciseId") UUID exerciseId, @RestQuery String sort,
      @RestQuery String dir, @RestQuery String q, @RestQuery String show) {
    GradeReports.ExerciseReport r = reports.exercise(web.caller(), exerciseId);
    List<StudentGrades> all = GradeTable.all(r.students(),
        GradeTable.Request.of(sort, dir, q, show, 1, pageSize));
    List<List<String>> rows = all.stream().map(s -> List.of(s.name(),
        Objects.toString(s.email(), ""), csvNumber(s.best()), csvNumber(s.latest()),
        csvNumber(r.maxScore()), Integer.toString(s.attempts()),
        s.lastSubmittedAt() == null ? "" : s.lastSubmittedAt().toString(),
        Objects.toString(s.passback(), ""))).toList();
    String csv = GradeCsv.of(List.of("student", "email", "best", "latest", "max", "attempts",
        "last_submitted_at", "passback"), rows);
    return csvResponse(csv, r.exercise().slug() + "-grades.csv");
  }

  @GET
  @Path("courses/{courseId}/report")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance course(@PathParam("courseId") UUID courseId, @RestQuery String sort,
      @RestQuery String dir, @RestQuery String q, @RestQuery String show,
      @RestQuery Integer page) {
    GradeReports.CourseReport r = reports.course(web.caller(), courseId);
    GradeTable.Request req = GradeTable.Request.of(sort, dir, q, show, page, pageSize);
    GradeTable.Page p = GradeTable.page(r.students(), req);
    String path = "/courses/" + courseId + "/report";
    List<Column> columns = new ArrayList<>();
    columns.add(column(path, req, "name", "Student", false));
    columns.add(column(path, req, "email", "Email", false));
    for (ExerciseView ex : r.exercises()) {
      columns.add(column(path, req, ex.id(), ex.title(), true));
    }
    columns.add(column(path, req, "best", "Total", true));
    columns.add(column(path, req, "attempts", "Attempts", true));
    List<ReportView.Row> rows = p.rows().stream().map(s -> {
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.text("name", s.name()));
      cells.add(Cell.text("email", Objects.toString(s.email(), "")));
      for (ExerciseView ex : r.exercises()) {
        cells.add(Cell.number(ex.id(), WebTemplateExtensions.pts(s.perExercise().get(ex.id()))));
      }
      cells.add(Cell.number("best", WebTemplateExtensions.pts(s.best())));
      cells.add(Cell.number("attempts", Integer.toString(s.attempts())));
      return new ReportView.Row(s.name(), cells);
    }).toList();
    ReportView view = new ReportView(r.course().title(), r.course().id(), r.course().title(), null,
        0, r.maxScore(), r.students().size(),
        (int) r.students().stream().filter(StudentGrades::submitted).count(), "", "", path,
        path + ".csv?" + ReportQuery.encode(req.sort(), req.dir(), req.query(), req.show(), 1),
        req.sort(), req.dir(), req.query(), req.show(), p.page(), p.pages(), p.matching(),
        columns, rows);
    return Templates.report(web.chrome(), view);
  }

  @GET
  @Path("courses/{courseId}/report.csv")
  @Produces("text/csv")
  public Response courseCsv(@PathParam("courseId") UUID courseId, @RestQuery String sort,
      @RestQuery String dir, @RestQuery String q, @RestQuery String show) {
    GradeReports.CourseReport r = reports.course(web.caller(), courseId);
    List<StudentGrades> all = GradeTable.all(r.students(),
        GradeTable.Request.of(sort, dir, q, show, 1, pageSize));
    List<String> header = new ArrayList<>(List.of("student", "email"));
    r.exercises().forEach(ex -> header.add(ex.slug()));
    header.add("total");
    header.add("max");
    List<List<String>> rows = all.stream().map(s -> {
      List<String> row = new ArrayList<>(List.of(s.name(), Objects.toString(s.email(), "")));
      r.exercises().forEach(ex -> row.add(csvNumber(s.perExercise().get(ex.id()))));
      row.add(csvNumber(s.best()));
      row.add(csvNumber(r.maxScore()));
      return (List<String>) row;
    }).toList();
    return csvResponse(GradeCsv.of(header, rows), "course-grades.csv");
  }

  private static Column column(String path, GradeTable.Request req, String key, String label,
      boolean numeric) {
    boolean current = key.equals(req.sort());
    // Numbers sort best-first on the first click; text A→Z.
    String nextDir = current ? (req.descending() ? "asc" : "desc") : (numeric ? "desc" : "asc");
    String href = path + "?" + ReportQuery.encode(key, nextDir, req.query(), req.show(), 1);
    String aria = current ? (req.descending() ? "descending" : "ascending") : "none";
    return new Column(key, label, numeric, true, aria, href);
  }

  private static String csvNumber(Double d) {
    return d == null ? "" : WebTemplateExtensions.pts(d);
  }

  private static Response csvResponse(String csv, String filename) {
    return Response.ok(csv, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .build();
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, HttpHeaders headers) {
    return errors.render(e, headers);
  }
}
