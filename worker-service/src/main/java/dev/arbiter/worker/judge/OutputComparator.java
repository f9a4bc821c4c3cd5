package dev.arbiter.worker.judge;

import dev.arbiter.common.suite.ComparatorSpec;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The contract's io comparators: exact, trim, tokens, float:EPS. Pure. */
public final class OutputComparator {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /** Plain decimal numbers only: "nan", "inf" or hex floats compare as text, like any other token. */
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private OutputComparator() {}

  public static boolean matches(ComparatorSpec spec, String expected, String actual) {
    return switch (spec.kind()) {
      case EXACT -> expected.equals(actual);
      case TRIM -> expected.strip().equals(actual.strip());
      case TOKENS -> Arrays.equals(tokens(expected), tokens(actual));
      case FLOAT -> floatTokensMatch(tokens(expected), tokens(actual), spec.epsilon());
    };
  }

  private static String[] tokens(String s) {
    String stripped = s.strip();
    return stripped.isEmpty() ? new String[0] : WHITESPACE.split(stripped);
  }

  private static boolean floatTokensMatch(String[] expected, String[] actual, double eps) {
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (!tokenMatches(expected[i], actual[i], eps)) {
        return false;
      }
    }
    return true;
  }

  private static boolean tokenMatches(String expected, String actual, double eps) {
    if (NUMBER.matcher(expected).matches() && NUMBER.matcher(actual).matches()) {
      double e = Double.parseDouble(expected);
      double a = Double.parseDouble(actual);
      double diff = Math.abs(e - a);
      return diff <= eps || diff <= eps * Math.max(Math.abs(e), Math.abs(a));
    }
    return expected.equals(actual);
  }
}
