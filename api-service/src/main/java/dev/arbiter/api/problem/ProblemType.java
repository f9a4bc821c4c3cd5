package dev.arbiter.api.problem;

import jakarta.ws.rs.core.Response;

/**
 * The kinds of problem Arbiter reports. Each has a stable type URI so clients can branch on it
 * without parsing the human-readable detail.
 */
public enum ProblemType {
  INVALID_REQUEST(400, "Invalid request", "invalid-request"),
  MALFORMED_JSON(400, "Malformed JSON", "malformed-json"),
  UNAUTHORIZED(401, "Authentication required", "unauthorized"),
  FORBIDDEN(403, "Forbidden", "forbidden"),
  NOT_FOUND(404, "Not found", "not-found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
  NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
  CONFLICT(409, "Conflict", "conflict"),
  TOO_LARGE(413, "Content too large", "too-large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
  RATE_LIMITED(429, "Too many requests", "rate-limited"),
  INTERNAL(500, "Internal error", "internal"),
  UNAVAILABLE(503, "Service unavailable", "unavailable");

  private static final String BASE = "https://arbiter.dev/problems/";

  private final int status;
  private final String title;
  private final String slug;

  ProblemType(int status, String title, String slug) {
    this.status = status;
    this.title = title;
    this.slug = slug;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String uri() {
    return BASE + slug;
  }

  public Problem with(String detail) {
    return new Problem(uri(), title, status, detail);
  }

  /** The type for a status that no domain exception produced (e.g. a JAX-RS 405). */
  public static ProblemType forStatus(int status) {
    for (ProblemType t : values()) {
      if (t.status == status && t != MALFORMED_JSON) {
        return t;
      }
    }
    return Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
        ? INVALID_REQUEST
        : INTERNAL;
  }
}
