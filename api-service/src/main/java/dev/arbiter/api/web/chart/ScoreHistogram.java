package dev.arbiter.api.web.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The score histogram of a grade report, rendered on the server as an inline SVG so it works
 * offline, inside an LMS iframe and without JavaScript. The SVG carries a {@code <title>} and an
 * {@code aria-label}, and each bar its own {@code <title>}, because a screen reader cannot read
 * bar heights; the page also shows the same numbers as a table.
 */
public final class ScoreHistogram {

  /** Past this many integer scores, bins are ranges rather than one bar per score. */
  static final int MAX_INTEGER_BINS = 20;

  /** Number of range bins when scores are not few integers. */
  static final int RANGE_BINS = 10;

  private static final int WIDTH = 560;
  private static final int HEIGHT = 240;
  private static final int LEFT = 40;
  private static final int RIGHT = 10;
  private static final int TOP = 16;
  private static final int BOTTOM = 44;

  /**
   * One bar.
   *
   * @param from lowest score in the bin (inclusive)
   * @param to highest score in the bin (exclusive, but inclusive for the last bin)
   * @param count how many students' scores fall in it
   */
  public record Bin(double from, double to, int count) {

    /** "3" for a single-score bin, "2–4" for a range. */
    public String label() {
      return from == to ? XmlText.num(from) : XmlText.num(from) + "–" + XmlText.num(to);
    }
  }

  private ScoreHistogram() {}

  /**
   * Bins scores between 0 and {@code maxScore}: one bin per score when the maximum is a small
   * integer (the usual case: a few points per test), else {@value #RANGE_BINS} equal ranges.
   * Scores outside [0, maxScore] are clamped, so every student is counted exactly once.
   */
  public static List<Bin> bins(List<Double> scores, double maxScore) {
    List<Bin> bins = new ArrayList<>();
    if (!(maxScore > 0)) {
      bins.add(new Bin(0, 0, scores.size()));
      return bins;
    }
    boolean integral = maxScore == Math.rint(maxScore) && maxScore <= MAX_INTEGER_BINS
        && scores.stream().allMatch(s -> s == Math.rint(s));
    int[] counts;
    if (integral) {
      int n = (int) maxScore + 1;
      counts = new int[n];
      for (double s : scores) {
        counts[(int) Math.max(0, Math.min(maxScore, s))]++;
      }
      for (int k = 0; k < n; k++) {
        bins.add(new Bin(k, k, counts[k]));
      }
      return bins;
    }
    counts = new int[RANGE_BINS];
    double width = maxScore / RANGE_BINS;
    for (double s : scores) {
      double clamped = Math.max(0, Math.min(maxScore, s));
      int k = (int) Math.min(RANGE_BINS - 1, Math.floor(clamped / width));
      counts[k]++;
    }
    for (int k = 0; k < RANGE_BINS; k++) {
      bins.add(new Bin(k * width, (k + 1) * width, counts[k]));
    }
    return bins;
  }

  /** The histogram as a standalone {@code <svg>} element. */
  public static String svg(List<Double> scores, double maxScore) {
    List<Bin> bins = bins(scores, maxScore);
    int maxCount = bins.stream().mapToInt(Bin::count).max().orElse(0);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double slot = (double) plotW / bins.size();
    double barW = Math.max(2, slot * 0.8);
    String summary = scores.size() + " students; score histogram out of " + XmlText.num(maxScore);
    StringBuilder svg = new StringBuilder(2048);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart histogram\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(XmlText.escape(summary)).append("\">")
        .append("<title>").append(XmlText.escape(summary)).append("</title>");
    // y axis: 0 and the maximum count; a chart with no students still draws its axes.
    int baseline = TOP + plotH;
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(baseline)
        .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(baseline).append("\"/>");
    svg.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(baseline)
        .append("\" text-anchor=\"end\">0</text>");
    if (maxCount > 0) {
      svg.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 8)
          .append("\" text-anchor=\"end\">").append(maxCount).append("</text>");
    }
    for (int k = 0; k < bins.size(); k++) {
      Bin bin = bins.get(k);
      double h = maxCount == 0 ? 0 : (double) bin.count() * plotH / maxCount;
      double x = LEFT + k * slot + (slot - barW) / 2;
      double y = baseline - h;
      String label = "score " + bin.label() + ": " + bin.count()
          + (bin.count() == 1 ? " student" : " students");
      svg.append("<g class=\"bar\"><title>").append(XmlText.escape(label)).append("</title>")
          .append("<rect x=\"").append(XmlText.num(x)).append("\" y=\"").append(XmlText.num(y))
          .append("\" width=\"").append(XmlText.num(barW)).append("\" height=\"")
          .append(XmlText.num(h)).append("\"/>");
      if (bin.count() > 0) {
        svg.append("<text class=\"count\" x=\"").append(XmlText.num(x + barW / 2))
            .append("\" y=\"").append(XmlText.num(y - 3)).append("\" text-anchor=\"middle\">")
            .append(bin.count()).append("</text>");
      }
      svg.append("<text class=\"tick\" x=\"").append(XmlText.num(x + barW / 2)).append("\" y=\"")
          .append(baseline + 16).append("\" text-anchor=\"middle\">")
          .append(XmlText.escape(bin.label())).append("</text></g>");
    }
    svg.append("<text class=\"axis-label\" x=\"").append(LEFT + plotW / 2).append("\" y=\"")
        .append(HEIGHT - 6).append("\" text-anchor=\"middle\">score (best submission)</text>");
    svg.append("</svg>");
    return svg.toString();
  }
}
