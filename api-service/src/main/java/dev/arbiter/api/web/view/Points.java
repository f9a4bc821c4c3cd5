package dev.arbiter.api.web.view;

import java.util.Locale;

/** How scores read on every page and in every CSV: "2", "1.5", and "–" for none. */
public final class Points {

  private Points() {}

  public static String format(Double value) {
    if (value == null) {
      return "–";
    }
    double v = value;
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
