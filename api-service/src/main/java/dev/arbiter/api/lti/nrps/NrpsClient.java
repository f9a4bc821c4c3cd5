package dev.arbiter.api.lti.nrps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.api.lti.LtiClaims;
import dev.arbiter.api.lti.LtiHttp;
import dev.arbiter.api.lti.PlatformCallFailed;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.lti.platform.PlatformTokenClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a context's roster through NRPS 2.0, following {@code Link: rel="next"} pages (§2.4). */
@ApplicationScoped
public class NrpsClient {

  static final String MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

  /** A cap on pages so a misbehaving LMS whose "next" loops cannot keep a sync running forever. */
  static final int MAX_PAGES = 1000;

  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

  private final PlatformTokenClient tokens;
  private final LtiHttp http;
  private final ObjectMapper json = new ObjectMapper();

  NrpsClient(PlatformTokenClient tokens, LtiHttp http) {
    this.tokens = tokens;
    this.http = http;
  }

  /**
   * Every member on every page.
   *
   * @throws PlatformCallFailed when a page cannot be read
   */
  public List<RosterMember> members(Platform platform, String contextMembershipsUrl) {
    Set<String> scopes = Set.of(LtiClaims.SCOPE_NRPS);
    List<RosterMember> members = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String next = contextMembershipsUrl;
    for (int page = 0; next != null && page < MAX_PAGES && seen.add(next); page++) {
      HttpResponse<String> response = get(platform, scopes, URI.create(next));
      if (response.statusCode() == 401) {
        tokens.invalidate(platform, scopes);
        response = get(platform, scopes, URI.create(next));
      }
      if (response.statusCode() / 100 != 2) {
        throw PlatformCallFailed.of("GET", URI.create(next), response);
      }
      try {
        for (JsonNode m : json.readTree(response.body()).path("members")) {
          List<String> roles = new ArrayList<>();
          m.path("roles").forEach(r -> roles.add(r.asText()));
          members.add(
              new RosterMember(
                  m.path("user_id").asText(null),
                  text(m, "name"),
                  text(m, "email"),
                  roles,
                  text(m, "status")));
        }
      } catch (IOException e) {
        throw new PlatformCallFailed("memberships at " + next + " are not JSON", response.statusCode());
      }
      // A relative next link is resolved against the page it came from (RFC 8288 §3.2).
      URI current = URI.create(next);
      next = nextLink(response.headers().allValues("Link")).map(u -> current.resolve(u).toString()).orElse(null);
    }
    members.removeIf(m -> m.userId() == null || m.userId().isBlank());
    return members;
  }

  private HttpResponse<String> get(Platform platform, Set<String> scopes, URI uri) {
    return http.send(
        http.request(uri)
            .header("Authorization", "Bearer " + tokens.token(platform, scopes))
            .header("Accept", MEDIA_TYPE)
            .GET()
            .build());
  }

  /** The {@code rel="next"} target among RFC 8288 Link header values. */
  static Optional<String> nextLink(List<String> headerValues) {
    for (String header : headerValues) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher rel = REL_NEXT.matcher(link.group(2));
        while (rel.find()) {
          for (String r : rel.group(1).trim().split("\\s+")) {
            if (r.equalsIgnoreCase("next")) {
              return Optional.of(link.group(1).trim());
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
