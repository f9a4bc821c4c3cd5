package dev.arbiter.api.auth;

import dev.arbiter.api.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The authenticated caller of the current request, set by an authentication filter ({@link
 * BearerTokenFilter}, or a session filter running before it).
 */
@RequestScoped
public class CurrentCaller {

  private Caller caller;

  public void set(Caller caller) {
    this.caller = caller;
  }

  public Optional<Caller> get() {
    return Optional.ofNullable(caller);
  }

  /** The caller, or 401 when the request is not authenticated. */
  public Caller require() {
    if (caller == null) {
      throw ProblemException.unauthorized("an API token is required (Authorization: Bearer)");
    }
    return caller;
  }
}
