package dev.arbiter.common.suite;

import java.util.Locale;

/**
 * A parsed comparator name from the suite format: {@code exact}, {@code trim}, {@code tokens} or
 * {@code float:EPS}. Parsing lives here so the API rejects a bad suite at upload time with the
 * same rules the worker's judge applies.
 *
 * @param kind which comparison
 * @param epsilon absolute-or-relative tolerance, only for {@link Kind#FLOAT}
 */
public record ComparatorSpec(Kind kind, double epsilon) {

  public enum Kind {
    EXACT,
    TRIM,
    TOKENS,
    FLOAT
  }

  public static final ComparatorSpec EXACT = new ComparatorSpec(Kind.EXACT, 0);

  /**
   * @throws IllegalArgumentException with a message fit for a problem document
   */
  public static ComparatorSpec parse(String text) {
    if (text == null || text.isBlank()) {
      return EXACT;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "exact":
        return EXACT;
      case "trim":
        return new ComparatorSpec(Kind.TRIM, 0);
      case "tokens":
        return new ComparatorSpec(Kind.TOKENS, 0);
      default:
        break;
    }
    if (t.startsWith("float:")) {
      double eps;
      try {
        eps = Double.parseDouble(t.substring("float:".length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("comparator '" + text + "': EPS is not a number");
      }
      if (!(eps >= 0) || Double.isInfinite(eps)) {
        throw new IllegalArgumentException("comparator '" + text + "': EPS must be finite and >= 0");
      }
      return new ComparatorSpec(Kind.FLOAT, eps);
    }
    throw new IllegalArgumentException(
        "comparator '" + text + "' is not one of exact, trim, tokens, float:EPS");
  }

  @Override
  public String toString() {
    return kind == Kind.FLOAT ? "float:" + epsilon : kind.name().toLowerCase(Locale.ROOT);
  }
}
