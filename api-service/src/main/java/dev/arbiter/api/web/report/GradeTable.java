package dev.arbiter.api.web.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Sorting, filtering and paging of a grade report, on the server. Pure: the same rules serve
 * the HTML table and its CSV export (which is the whole filtered, sorted table, unpaged).
 */
public final class GradeTable {

  /** Sort keys; anything else falls back to {@code name}. */
  public static final List<String> SORT_KEYS =
      List.of("name", "email", "best", "latest", "attempts", "last");

  public static final int DEFAULT_PAGE_SIZE = 50;

  /**
   * A request for one page.
   *
   * @param sort a {@link #SORT_KEYS} key or an exercise id (course reports)
   * @param descending direction
   * @param query case-insensitive substring of name or email
   * @param show all, submitted or missing
   * @param page 1-based; clamped to the last page
   * @param pageSize rows per page
   */
  public record Request(String sort, boolean descending, String query, String show, int page,
      int pageSize) {

    /** Reads query parameters leniently: a bad value means the default, never an error page. */
    public static Request of(String sort, String dir, String query, String show, Integer page,
        int pageSize) {
      return new Request(
          sort == null || sort.isBlank() ? "name" : sort,
          "desc".equalsIgnoreCase(dir),
          query == null ? "" : query.strip(),
          show == null || !List.of("submitted", "missing").contains(show) ? "all" : show,
          page == null || page < 1 ? 1 : page,
          pageSize);
    }

    public String dir() {
      return descending ? "desc" : "asc";
    }
  }

  /**
   * One page of the table.
   *
   * @param rows this page's rows
   * @param matching rows that pass the filter
   * @param page the page shown (clamped)
   * @param pages number of pages, at least 1
   */
  public record Page(List<StudentGrades> rows, int matching, int page, int pages) {}

  private GradeTable() {}

  /** Every row that passes the filter, sorted (the CSV export). */
  public static List<StudentGrades> all(List<StudentGrades> rows, Request req) {
    return filtered(rows, req).sorted(order(req)).toList();
  }

  public static Page page(List<StudentGrades> rows, Request req) {
    List<StudentGrades> all = all(rows, req);
    int pages = Math.max(1, (all.size() + req.pageSize() - 1) / req.pageSize());
    int page = Math.min(req.page(), pages);
    int from = (page - 1) * req.pageSize();
    return new Page(all.subList(from, Math.min(all.size(), from + req.pageSize())), all.size(),
        page, pages);
  }

  private static Stream<StudentGrades> filtered(List<StudentGrades> rows, Request req) {
    String q = req.query().toLowerCase(Locale.ROOT);
    return rows.stream()
        .filter(r -> q.isEmpty()
            || r.name().toLowerCase(Locale.ROOT).contains(q)
            || (r.email() != null && r.email().toLowerCase(Locale.ROOT).contains(q)))
        .filter(r -> switch (req.show()) {
          case "submitted" -> r.submitted();
          case "missing" -> !r.submitted();
          default -> true;
        });
  }

  /**
   * The requested order. Students without a value (no submission) sort last in both directions,
   * so "best, descending" starts with the best students and "ascending" with the weakest who
   * tried; ties break by name, then id, so paging is stable.
   */
  static Comparator<StudentGrades> order(Request req) {
    Comparator<StudentGrades> primary = switch (req.sort()) {
      case "email" -> nullsLast(StudentGrades::email, req.descending());
      case "best" -> nullsLast(StudentGrades::best, req.descending());
      case "latest" -> nullsLast(StudentGrades::latest, req.descending());
      case "attempts" -> nullsLast(r -> r.attempts(), req.descending());
      case "last" -> nullsLast(StudentGrades::lastSubmittedAt, req.descending());
      case "name" -> nullsLast(r -> r.name().toLowerCase(Locale.ROOT), req.descending());
      default -> nullsLast(r -> exercise(r.perExercise(), req.sort()), req.descending());
    };
    return primary
        .thenComparing(r -> r.name().toLowerCase(Locale.ROOT))
        .thenComparing(StudentGrades::userId);
  }

  private static Double exercise(Map<String, Double> perExercise, String id) {
    return perExercise == null ? null : perExercise.get(id);
  }

  private static <T extends Comparable<? super T>> Comparator<StudentGrades> nullsLast(
      Function<StudentGrades, T> key, boolean descending) {
    Comparator<T> natural = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
    return Comparator.comparing(key, Comparator.nullsLast(natural));
  }
}
