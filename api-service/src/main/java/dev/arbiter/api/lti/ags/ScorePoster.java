package dev.arbiter.api.lti.ags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.api.lti.LtiClaims;
import dev.arbiter.api.lti.LtiHttp;
import dev.arbiter.api.lti.PlatformCallFailed;
import dev.arbiter.api.lti.platform.Platform;
import dev.arbiter.api.lti.platform.PlatformTokenClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/** Posts scores to, and reads results from, an AGS line item. */
@ApplicationScoped
public class ScorePoster {

  static final Set<String> SCORE_SCOPES = Set.of(LtiClaims.SCOPE_SCORE);
  static final Set<String> RESULT_SCOPES = Set.of(LtiClaims.SCOPE_RESULT_READONLY);

  /**
   * A score as the LMS holds it, on the LMS's own scale.
   *
   * @param resultMaximum null when the LMS leaves it implicit (the line item's maximum)
   */
  public record LmsResult(double resultScore, Double resultMaximum) {

    /** Whether this shows the given score, allowing for the LMS's rescaling and rounding. */
    public boolean shows(double scoreGiven, double scoreMaximum) {
      if (resultMaximum == null || resultMaximum <= 0 || scoreMaximum <= 0) {
        return Math.abs(resultScore - scoreGiven) < 1e-6 * Math.max(1, Math.abs(scoreGiven));
      }
      return Math.abs(resultScore / resultMaximum - scoreGiven / scoreMaximum) < 1e-4;
    }
  }

  private final PlatformTokenClient tokens;
  private final LtiHttp http;
  private final ObjectMapper json = new ObjectMapper();

  ScorePoster(PlatformTokenClient tokens, LtiHttp http) {
    this.tokens = tokens;
    this.http = http;
  }

  /**
   * Posts the score; returns normally only when the LMS accepted it (2xx).
   *
   * @throws PlatformCallFailed otherwise
   */
  public void post(Platform platform, String lineItemUrl, Score score) {
    ObjectNode body = json.createObjectNode();
    body.put("userId", score.userId());
    body.put("scoreGiven", score.scoreGiven());
    body.put("scoreMaximum", score.scoreMaximum());
    body.put("activityProgress", "Completed");
    body.put("gradingProgress", "FullyGraded");
    // Millisecond precision, ISO-8601 with offset (AGS 2.0 §3.4.5). Increasing timestamps are
    // what lets the LMS drop a stale score that arrives after a newer one.
    body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(score.timestamp().truncatedTo(ChronoUnit.MILLIS)));
    if (score.comment() != null) {
      body.put("comment", score.comment());
    }
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    URI uri = LineItemUrls.scores(lineItemUrl);
    HttpResponse<String> response =
        authorized(platform, SCORE_SCOPES, token ->
            http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", Score.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build());
    if (response.statusCode() / 100 != 2) {
      throw PlatformCallFailed.of("POST", uri, response);
    }
  }

  /**
   * The score the LMS holds for this user on the line item; empty when it holds none (AGS 2.0
   * §3.5, result service).
   *
   * @throws PlatformCallFailed when the LMS cannot be asked
   */
  public Optional<LmsResult> result(Platform platform, String lineItemUrl, String userId) {
    URI uri = LineItemUrls.results(lineItemUrl, userId);
    HttpResponse<String> response =
        authorized(platform, RESULT_SCOPES, token ->
            http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.ims.lis.v2.resultcontainer+json")
                .GET()
                .build());
    if (response.statusCode() / 100 != 2) {
      throw PlatformCallFailed.of("GET", uri, response);
    }
    try {
      for (JsonNode result : json.readTree(response.body())) {
        if (userId.equals(result.path("userId").asText())) {
          JsonNode given = result.get("resultScore");
          JsonNode max = result.get("resultMaximum");
          return given == null || !given.isNumber()
              ? Optional.empty()
              : Optional.of(
                  new LmsResult(given.asDouble(), max != null && max.isNumber() ? max.asDouble() : null));
        }
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw new PlatformCallFailed("results at " + uri + " are not JSON", response.statusCode());
    }
  }

  /** Sends with a cached token; on 401 drops the token and tries once more with a fresh one. */
  private HttpResponse<String> authorized(
      Platform platform, Set<String> scopes, java.util.function.Function<String, HttpRequest> build) {
    HttpResponse<String> response = http.send(build.apply(tokens.token(platform, scopes)));
    if (response.statusCode() == 401) {
      tokens.invalidate(platform, scopes);
      response = http.send(build.apply(tokens.token(platform, scopes)));
    }
    return response;
  }
}
