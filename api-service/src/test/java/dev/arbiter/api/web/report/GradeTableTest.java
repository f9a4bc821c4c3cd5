package dev.arbiter.api.web.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.web.report.GradeTable.Page;
import dev.arbiter.api.web.report.GradeTable.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradeTableTest {

  static StudentGrades student(String name, Double best, int attempts) {
    return new StudentGrades("id-" + name, name, name.toLowerCase() + "@example.org", best, best,
        attempts, attempts == 0 ? null : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(attempts),
        attempts == 0 ? null : "s-" + name, null, Map.of("ex1", best == null ? 0.0 : best));
  }

  private final List<StudentGrades> rows = List.of(
      student("Cleo", 2.0, 3), student("ada", 5.0, 1), student("Bob", null, 0),
      student("Dan", 2.0, 2));

  private static List<String> names(List<StudentGrades> r) {
    return r.stream().map(StudentGrades::name).toList();
  }

  @Test
  void sortsByNameCaseInsensitivelyByDefault() {
    assertEquals(List.of("ada", "Bob", "Cleo", "Dan"),
        names(GradeTable.all(rows, Request.of(null, null, null, null, null, 50))));
  }

  @Test
  void bestDescendingStartsWithTheBestAndKeepsNonSubmittersLast() {
    assertEquals(List.of("ada", "Cleo", "Dan", "Bob"),
        names(GradeTable.all(rows, Request.of("best", "desc", null, null, null, 50))));
    assertEquals(List.of("Cleo", "Dan", "ada", "Bob"),
        names(GradeTable.all(rows, Request.of("best", "asc", null, null, null, 50))));
  }

  @Test
  void filtersByNameOrEmailAndBySubmission() {
    assertEquals(List.of("Dan"),
        names(GradeTable.all(rows, Request.of(null, null, "DAN@", null, null, 50))));
    assertEquals(List.of("Bob"),
        names(GradeTable.all(rows, Request.of(null, null, "", "missing", null, 50))));
    assertEquals(3, GradeTable.all(rows, Request.of(null, null, "", "submitted", null, 50)).size());
  }

  @Test
  void pagesAreStableAndAPageBeyondTheEndShowsTheLast() {
    List<StudentGrades> many = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      many.add(student(String.format("s%03d", i), (double) (i % 7), 1));
    }
    Page p2 = GradeTable.page(many, Request.of("best", "desc", null, null, 2, 50));
    assertEquals(50, p2.rows().size());
    assertEquals(3, p2.pages());
    assertEquals(120, p2.matching());
    Page last = GradeTable.page(many, Request.of("best", "desc", null, null, 99, 50));
    assertEquals(3, last.page());
    assertEquals(20, last.rows().size());
    // ties (same best) break by name, so page boundaries do not shuffle between requests
    assertEquals(names(GradeTable.all(many, Request.of("best", "desc", null, null, 1, 50))
        .subList(50, 100)), names(p2.rows()));
  }

  @Test
  void anExerciseIdSortsACourseReportByThatExercise() {
    assertEquals("ada",
        GradeTable.all(rows, Request.of("ex1", "desc", null, null, null, 50)).get(0).name());
  }

  @Test
  void anEmptyTableHasOnePage() {
    Page p = GradeTable.page(List.of(), Request.of(null, null, null, null, 3, 50));
    assertEquals(1, p.pages());
    assertEquals(1, p.page());
    assertEquals(List.of(), p.rows());
  }
}
