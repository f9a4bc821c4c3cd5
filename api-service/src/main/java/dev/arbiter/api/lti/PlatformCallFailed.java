package dev.arbiter.api.lti;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A call to an LMS failed. The message is shown to staff as a passback/roster failure reason, so it
 * names the endpoint and status and quotes at most a short excerpt of the LMS's body — never our
 * bearer token or client assertion.
 */
public class PlatformCallFailed extends RuntimeException {

  private static final int EXCERPT_CHARS = 200;

  /** HTTP status the LMS answered, or 0 when it could not be reached. */
  private final int status;

  public PlatformCallFailed(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  public PlatformCallFailed(String message, int status) {
    super(message);
    this.status = status;
  }

  public static PlatformCallFailed of(HttpRequest request, HttpResponse<String> response) {
    return of(request.method(), request.uri(), response);
  }

  public static PlatformCallFailed of(String method, URI uri, HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    if (body.length() > EXCERPT_CHARS) {
      body = body.substring(0, EXCERPT_CHARS) + "…";
    }
    return new PlatformCallFailed(
 method + " " + uri + " answered " + response.statusCode()
            + (body.isEmpty() ? "" : ": " + body),
        response.statusCode());
  }

  public int status() {
    return status;
  }

  /**
   * Whether a later retry may succeed: no answer, 408, 429 and 5xx are transient; any other 4xx
   * means the LMS refuses this request as it is.
   */
  public boolean transientFailure() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
