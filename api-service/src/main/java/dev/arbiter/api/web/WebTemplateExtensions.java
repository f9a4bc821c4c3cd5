package dev.arbiter.api.web;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Formatting used by the page templates. */
@TemplateExtension
final class WebTemplateExtensions {

  private WebTemplateExtensions() {}

  /** Points without a spurious ".0": 2 → "2", 1.5 → "1.5", none → "–". */
  static String pts(Double value) {
    if (value == null) {
      return "–";
    }
    double v = value;
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** First 8 characters of an opaque id: enough to tell submissions apart on screen. */
  static String shortId(String id) {
    return id == null || id.length() <= 8 ? id : id.substring(0, 8);
  }
}
