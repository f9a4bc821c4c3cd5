package dev.arbiter.api.lti;

/**
 * An LTI request that Arbiter refuses, rendered as an RFC 9457 problem document. The detail is
 * meant for the person who sees it (an LMS administrator reading the error in an iframe), so it
 * names the failed check but never echoes a token.
 */
public class LtiProblem extends RuntimeException {

  private final int status;
  private final String title;

  public LtiProblem(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  /** 401: the launch (or login) is not authentic or not acceptable; nothing was created. */
  public static LtiProblem launchRejected(String detail) {
    return new LtiProblem(401, "LTI launch rejected", detail);
  }

  public static LtiProblem badRequest(String detail) {
    return new LtiProblem(400, "Bad LTI request", detail);
  }

  public static LtiProblem conflict(String detail) {
    return new LtiProblem(409, "Conflict", detail);
  }

  public static LtiProblem forbidden(String detail) {
    return new LtiProblem(403, "Forbidden", detail);
  }

  public static LtiProblem notFound(String detail) {
    return new LtiProblem(404, "Not found", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
