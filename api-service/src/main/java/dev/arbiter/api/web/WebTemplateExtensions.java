package dev.arbiter.api.web;

import io.quarkus.qute.TemplateExtension;
import dev.arbiter.api.web.view.Points;

/** Formatting used by the page templates. */
@TemplateExtension
final class WebTemplateExtensions {

  private WebTemplateExtensions() {}

  /** Points without a spurious ".0": 2 → "2", 1.5 → "1.5", none → "–". */
  static String pts(Double value) {
    return Points.format(value);
  }

  /** First 8 characters of an opaque id: enough to tell submissions apart on screen. */
  static String shortId(String id) {
    return id == null || id.length() <= 8 ? id : id.substring(0, 8);
  }
}
