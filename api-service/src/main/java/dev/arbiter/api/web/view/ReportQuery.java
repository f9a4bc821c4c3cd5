package dev.arbiter.api.web.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query strings of report links, built in one place so sort, filter and page survive each other. */
public final class ReportQuery {

  private ReportQuery() {}

  public static String encode(String sort, String dir, String query, String show, int page) {
    StringBuilder q = new StringBuilder();
    q.append("sort=").append(enc(sort)).append("&dir=").append(enc(dir));
    if (query != null && !query.isEmpty()) {
      q.append("&q=").append(enc(query));
    }
    if (show != null && !show.equals("all")) {
      q.append("&show=").append(enc(show));
    }
    if (page > 1) {
      q.append("&page=").append(page);
    }
    return q.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
