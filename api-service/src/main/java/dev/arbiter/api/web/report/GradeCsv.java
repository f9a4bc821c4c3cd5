package dev.arbiter.api.web.report;

import java.util.List;

/**
 * CSV of a grade report (RFC 4180, CRLF line ends). Names come from users and LMSs, so a cell
 * starting with =, +, -, @, tab or CR is prefixed with an apostrophe: a spreadsheet would
 * otherwise run it as a formula (CSV injection, OWASP).
 */
public final class GradeCsv {

  private GradeCsv() {}

  public static String of(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    line(out, header);
    for (List<String> row : rows) {
      line(out, row);
    }
    return out.toString();
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

  static String cell(String raw) {
    String v = raw == null ? "" : raw;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** Negative scores stay numbers: "-1" is not a formula. */
  private static boolean isNumber(String v) {
    return v.matches("-?\\d+(\\.\\d+)?");
  }
}
