package dev.arbiter.api.grade;

import java.util.Arrays;
import java.util.List;

/**
 * Grade reports as RFC 4180 CSV (CRLF line ends), for the API's export and the report pages'.
 * Names come from users and LMSs, so a cell that a spreadsheet would run as a formula (leading
 * {@code = + - @}, tab or carriage return; OWASP "CSV injection") gets a leading apostrophe: a
 * student named {@code =HYPERLINK(...)} cannot execute anything on a staff member's machine.
 */
public final class GradeCsv {

  static final List<String> HEADER = List.of("user_id", "name", "email", "submissions",
      "best_score", "max_score", "best_submission_id", "best_graded_at", "latest_submission_id",
      "latest_status", "latest_score", "latest_received_at");

  private GradeCsv() {}

  /** The API's export: one row per student. */
  static String render(List<GradeRow> rows) {
    return of(HEADER, rows.stream().map(r -> Arrays.asList(r.userId(), r.name(), r.email(),
        String.valueOf(r.submissions()), number(r.bestScore()), number(r.maxScore()),
        r.bestSubmissionId(), text(r.bestGradedAt()), r.latestSubmissionId(),
        text(r.latestStatus()), number(r.latestScore()), text(r.latestReceivedAt()))).toList());
  }

  /** Any table: a header line, then one line per row; null cells are empty. */
  public static String of(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    line(out, header);
    for (List<String> row : rows) {
      line(out, row);
    }
    return out.toString();
  }

  public static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** Negative scores stay numbers: "-1" is not a formula. */
  private static boolean isNumber(String v) {
    return v.matches("-?\\d+(\\.\\d+)?");
  }

  private static String number(Double d) {
    if (d == null) {
      return null;
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
        : String.valueOf(d);
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }
}
