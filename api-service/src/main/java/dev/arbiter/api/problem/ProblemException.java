package dev.arbiter.api.problem;

import java.time.Duration;

/**
 * A failure the client should see as a problem document. Services throw these; one mapper renders
 * them, so the HTTP status of a domain rule is decided where the rule lives.
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final Duration retryAfter;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, null);
  }

  public ProblemException(ProblemType type, String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.type = type;
    this.retryAfter = retryAfter;
  }

  public ProblemType type() {
    return type;
  }

  /** When set, the response carries {@code Retry-After} (429, 503). */
  public Duration retryAfter() {
    return retryAfter;
  }

  public Problem problem() {
    return type.with(getMessage());
  }

  public static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(ProblemType.FORBIDDEN, detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(ProblemType.CONFLICT, detail);
  }

  public static ProblemException tooLarge(String detail) {
    return new ProblemException(ProblemType.TOO_LARGE, detail);
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(ProblemType.UNAUTHORIZED, detail);
  }
}
