package dev.arbiter.api.lti.ags;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * URLs under an AGS line item (AGS 2.0 §3.4, §3.5). A line item URL may carry a query string
 * (Moodle: {@code …/lineitems/7/lineitem?type_id=1}): the sub-resource goes after the path, the
 * query string stays after it. Appending to the whole string would post to a URL the LMS answers
 * with an error page or, worse, silently ignores.
 */
public final class LineItemUrls {

  private LineItemUrls() {}

  /** The scores endpoint of a line item. */
  public static URI scores(String lineItemUrl) {
    return sub(lineItemUrl, "scores", null);
  }

  /** The results endpoint of a line item, filtered to one user. */
  public static URI results(String lineItemUrl, String userId) {
    return sub(lineItemUrl, "results", "user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8));
  }

  private static URI sub(String lineItemUrl, String segment, String extraQuery) {
    URI u = URI.create(lineItemUrl);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    path = (path.endsWith("/") ? path : path + "/") + segment;
    String query = u.getRawQuery();
    if (extraQuery != null) {
      query = query == null || query.isEmpty() ? extraQuery : query + "&" + extraQuery;
    }
    try {
      // The raw (already encoded) parts are reassembled as they were; the single-string URI
      // constructor would encode them a second time.
      StringBuilder sb = new StringBuilder();
      sb.append(u.getScheme()).append("://").append(u.getRawAuthority()).append(path);
      if (query != null && !query.isEmpty()) {
        sb.append('?').append(query);
      }
      return new URI(sb.toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("line item URL " + lineItemUrl + " is not a URL", e);
    }
  }
}
