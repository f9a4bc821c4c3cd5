package dev.arbiter.api.lti;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The one HTTP client for calls to LMSs (JWKS, token, AGS, NRPS). Redirects are not followed: an
 * LMS endpoint that redirects is misconfigured, and following would send bearer tokens elsewhere.
 */
@ApplicationScoped
public class LtiHttp {

  private final HttpClient client;
  private final LtiConfig config;

  LtiHttp(LtiConfig config) {
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.httpTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A request builder with the configured timeout. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(config.httpTimeout());
  }

  /**
   * Sends and reads the body as text.
   *
   * @throws PlatformCallFailed when the LMS cannot be reached
   */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PlatformCallFailed(
          request.method() + " " + request.uri() + " failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformCallFailed(request.method() + " " + request.uri() + " interrupted", e);
    }
  }

  /** Sends and fails unless the LMS answers 2xx. */
  public HttpResponse<String> sendExpectingSuccess(HttpRequest request) {
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw PlatformCallFailed.of(request, response);
    }
    return response;
  }
}
