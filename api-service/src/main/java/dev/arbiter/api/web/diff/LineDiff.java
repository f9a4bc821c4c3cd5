package dev.arbiter.api.web.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line-by-line diff of expected against actual output, for the student's result page.
 *
 * <p>Longest common subsequence over lines; outputs are capped by the exercise's {@code outputKb},
 * but a pathological output of many short lines would make the quadratic table large, so past
 * {@link #MAX_CELLS} cells the diff degrades to "all expected removed, all actual added" rather
 * than spending the request's memory on it.
 */
public final class LineDiff {

  /** Upper bound of the LCS table (lines × lines) computed for one diff. */
  static final long MAX_CELLS = 4_000_000L;

  /** What happened to one line. */
  public enum Op {
    SAME,
    /** Expected but missing from the actual output. */
    REMOVED,
    /** In the actual output but not expected. */
    ADDED
  }

  /**
   * One row of the diff.
   *
   * @param op same, removed (expected only) or added (actual only)
   * @param expectedLine 1-based line number in the expected output, 0 when added
   * @param actualLine 1-based line number in the actual output, 0 when removed
   * @param text the line, without its line terminator
   */
  public record Line(Op op, int expectedLine, int actualLine, String text) {

    /** CSS class of the row, used by the template. */
    public String css() {
      return switch (op) {
        case SAME -> "same";
        case REMOVED -> "del";
        case ADDED -> "ins";
      };
    }

    /** The marker a screen reader and a colour-blind reader see. */
    public String marker() {
      return switch (op) {
        case SAME -> " ";
        case REMOVED -> "-";
        case ADDED -> "+";
      };
    }
  }

  private LineDiff() {}

  /** Diffs {@code expected} against {@code actual}; null counts as empty. */
  public static List<Line> of(String expected, String actual) {
    List<String> a = lines(expected);
    List<String> b = lines(actual);
    int n = a.size();
    int m = b.size();
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      List<Line> out = new ArrayList<>(n + m);
      for (int i = 0; i < n; i++) {
        out.add(new Line(Op.REMOVED, i + 1, 0, a.get(i)));
      }
      for (int j = 0; j < m; j++) {
        out.add(new Line(Op.ADDED, 0, j + 1, b.get(j)));
      }
      return out;
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Line> out = new ArrayList<>(Math.max(n, m));
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        out.add(new Line(Op.SAME, i + 1, j + 1, a.get(i)));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add(new Line(Op.REMOVED, i + 1, 0, a.get(i)));
        i++;
      } else {
        out.add(new Line(Op.ADDED, 0, j + 1, b.get(j)));
        j++;
      }
    }
    for (; i < n; i++) {
      out.add(new Line(Op.REMOVED, i + 1, 0, a.get(i)));
    }
    for (; j < m; j++) {
      out.add(new Line(Op.ADDED, 0, j + 1, b.get(j)));
    }
    return out;
  }

  /** True when the diff has any added or removed line. */
  public static boolean differs(List<Line> diff) {
    return diff.stream().anyMatch(l -> l.op() != Op.SAME);
  }

  /**
   * Splits on \n. Differences a reader cannot see are made visible, since the {@code exact}
   * comparator counts them: a carriage return shows as ␍, trailing spaces and tabs as · and →,
   * and a last line without a line terminator ends with {@link #NO_NEWLINE}.
   */
  static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        out.add(visible(text.substring(start)) + NO_NEWLINE);
        break;
      }
      out.add(visible(text.substring(start, nl)));
      start = nl + 1;
    }
    return out;
  }

  private static String visible(String line) {
    String body = line.replace("\r", "␍");
    int end = body.length();
    while (end > 0 && (body.charAt(end - 1) == ' ' || body.charAt(end - 1) == '\t')) {
      end--;
    }
    if (end == body.length()) {
      return body;
    }
    return body.substring(0, end) + body.substring(end).replace(' ', '·').replace('\t', '→');
  }

  /** Appended to a last line that has no line terminator. */
  public static final String NO_NEWLINE = " [no newline at end]";
}
