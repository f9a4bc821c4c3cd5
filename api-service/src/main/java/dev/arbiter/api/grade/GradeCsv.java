package dev.arbiter.api.grade;

import java.util.List;

/**
 * Grade reports as RFC 4180 CSV. Cells that a spreadsheet would run as a formula (leading
 * {@code = + - @}, tab or carriage return; OWASP "CSV injection") get a leading apostrophe, so a
 * student named {@code =HYPERLINK(...)} cannot execute anything on a staff member's machine.
 */
final class GradeCsv {

  static final List<String> HEADER = List.of("user_id", "name", "email", "submissions",
      "best_score", "max_score", "best_submission_id", "best_graded_at", "latest_submission_id",
      "latest_status", "latest_score", "latest_received_at");

  private GradeCsv() {}

  static String render(List<GradeRow> rows) {
    StringBuilder b = new StringBuilder();
    line(b, HEADER);
    for (GradeRow r : rows) {
      line(b, java.util.Arrays.asList(r.userId(), r.name(), r.email(),
          String.valueOf(r.submissions()), number(r.bestScore()), number(r.maxScore()),
          r.bestSubmissionId(), text(r.bestGradedAt()), r.latestSubmissionId(),
          text(r.latestStatus()), number(r.latestScore()), text(r.latestReceivedAt())));
    }
    return b.toString();
  }

  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells.get(i)));
    }
    b.append("\r\n");
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
