package dev.arbiter.api.web.view;

import java.util.List;

/**
 * A grade report page (one exercise, or a whole course): the charts, and one page of a sorted,
 * filtered table. Sorting, filtering and paging happen on the server, so a course of thousands
 * of students sends one page and works without JavaScript.
 *
 * @param title exercise or course title
 * @param courseId the course
 * @param courseTitle the course's title
 * @param exerciseId the exercise, or null for a course report
 * @param suiteVersion current suite version (exercise reports)
 * @param maxScore points possible
 * @param totalStudents students in the course
 * @param submittedStudents students with at least one submission
 * @param histogramSvg server-rendered SVG, or "" for course reports
 * @param passRateSvg server-rendered SVG, or ""
 * @param path this page's path, without query
 * @param csvPath CSV export of the whole (filtered, sorted) table
 * @param sort sort column key
 * @param dir asc or desc
 * @param query name/email filter
 * @param show all, submitted or missing
 * @param page 1-based page
 * @param pages number of pages (≥ 1)
 * @param matching rows matching the filter
 * @param columns table columns
 * @param rows this page's rows
 */
public record ReportView(
    String title,
    String courseId,
    String courseTitle,
    String exerciseId,
    int suiteVersion,
    double maxScore,
    int totalStudents,
    int submittedStudents,
    String histogramSvg,
    String passRateSvg,
    String path,
    String csvPath,
    String sort,
    String dir,
    String query,
    String show,
    int page,
    int pages,
    int matching,
    List<Column> columns,
    List<Row> rows) {

  /** Link to another page of the same table. */
  public String pageHref(int p) {
    return path + "?" + ReportQuery.encode(sort, dir, query, show, p);
  }

  /**
   * A column header.
   *
   * @param key sort key
   * @param label header text
   * @param numeric right-aligned
   * @param sortable has a sort link
   * @param ariaSort ascending, descending or none
   * @param href link that sorts by this column (toggles direction when already sorted by it)
   */
  public record Column(String key, String label, boolean numeric, boolean sortable,
      String ariaSort, String href) {}

  /**
   * A table row.
   *
   * @param name the student's name, for row labels
   * @param cells in column order
   */
  public record Row(String name, List<Cell> cells) {}

  /**
   * A table cell.
   *
   * @param key its column
   * @param text shown text (an ISO time when {@code time})
   * @param numeric right-aligned
   * @param time an ISO-8601 time the script shows in the viewer's locale
   * @param href a link, or null
   */
  public record Cell(String key, String text, boolean numeric, boolean time, String href) {

    public static Cell text(String key, String text) {
      return new Cell(key, text, false, false, null);
    }

    public static Cell number(String key, String text) {
      return new Cell(key, text, true, false, null);
    }

    public static Cell time(String key, String iso) {
      return iso == null ? text(key, "never") : new Cell(key, iso, false, true, null);
    }

    public static Cell link(String key, String text, String href) {
      return new Cell(key, text, false, false, href);
    }
  }
}
