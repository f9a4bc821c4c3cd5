package dev.arbiter.api.web.chart;

import java.util.List;

/**
 * Per-test pass rate of a grade report as horizontal bars, one row per suite test in suite order,
 * rendered on the server as an inline SVG. A test nobody has run yet shows "no runs" rather
 * than 0 %, which would read as "everyone fails".
 */
public final class PassRateChart {

  private static final int WIDTH = 560;
  private static final int ROW = 26;
  private static final int TOP = 8;
  private static final int LABEL_W = 200;
  private static final int RIGHT = 70;
  /** Test names are the instructor's; long ones are cut so the bars keep their width. */
  static final int MAX_LABEL_CHARS = 28;

  /**
   * One test's numbers.
   *
   * @param testName the suite's test name
   * @param passed submissions in which it passed
   * @param runs submissions in which it ran
   */
  public record Row(String testName, int passed, int runs) {

    /** Pass rate in [0, 1], or NaN with no runs. */
    public double rate() {
      return runs == 0 ? Double.NaN : (double) passed / runs;
    }

    /** "75 %" or "no runs". */
    public String percent() {
      return runs == 0 ? "no runs" : Math.round(rate() * 100) + " %";
    }
  }

  private PassRateChart() {}

  /** The chart as a standalone {@code <svg>} element. */
  public static String svg(List<Row> rows) {
    int height = TOP * 2 + Math.max(1, rows.size()) * ROW;
    int barMax = WIDTH - LABEL_W - RIGHT;
    String summary = "pass rate of " + rows.size() + (rows.size() == 1 ? " test" : " tests");
    StringBuilder svg = new StringBuilder(1024 + rows.size() * 300);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart passrate\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(XmlText.escape(summary)).append("\">")
        .append("<title>").append(XmlText.escape(summary)).append("</title>");
    for (int k = 0; k < rows.size(); k++) {
      Row row = rows.get(k);
      int y = TOP + k * ROW;
      String name = row.testName();
      String shown = name.length() > MAX_LABEL_CHARS
          ? name.substring(0, MAX_LABEL_CHARS - 1) + "…" : name;
      double rate = row.rate();
      double w = Double.isNaN(rate) ? 0 : rate * barMax;
      String title = name + ": " + row.percent()
          + (row.runs() == 0 ? "" : " (" + row.passed() + " of " + row.runs() + ")");
      svg.append("<g class=\"row\"><title>").append(XmlText.escape(title)).append("</title>")
          .append("<text class=\"name\" x=\"").append(LABEL_W - 8).append("\" y=\"")
          .append(y + ROW / 2 + 4).append("\" text-anchor=\"end\">")
          .append(XmlText.escape(shown)).append("</text>")
          .append("<rect class=\"track\" x=\"").append(LABEL_W).append("\" y=\"").append(y + 4)
          .append("\" width=\"").append(barMax).append("\" height=\"").append(ROW - 8)
          .append("\"/>")
          .append("<rect class=\"fill\" x=\"").append(LABEL_W).append("\" y=\"").append(y + 4)
          .append("\" width=\"").append(XmlText.num(w)).append("\" height=\"").append(ROW - 8)
          .append("\"/>")
          .append("<text class=\"pct\" x=\"").append(LABEL_W + barMax + 6).append("\" y=\"")
          .append(y + ROW / 2 + 4).append("\">").append(XmlText.escape(row.percent()))
          .append("</text></g>");
    }
    svg.append("</svg>");
    return svg.toString();
  }
}
