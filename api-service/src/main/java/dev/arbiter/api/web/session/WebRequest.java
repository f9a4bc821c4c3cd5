package dev.arbiter.api.web.session;

import dev.arbiter.api.auth.Caller;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.user.UserRepository;
import dev.arbiter.api.web.view.Chrome;
import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** The signed-in user and session of the current page request. */
@RequestScoped
public class WebRequest {

  private final UserRepository users;
  private Caller caller;
  private WebSessions.Active session;
  private Chrome chrome;

  WebRequest(UserRepository users) {
    this.users = users;
  }

  void signedIn(Caller caller, WebSessions.Active session) {
    this.caller = caller;
    this.session = session;
  }

  /** The caller, or {@link SignInRequired} (a redirect to the sign-in page). */
  public Caller caller() {
    if (caller == null) {
      throw new SignInRequired();
    }
    return caller;
  }

  public Optional<Caller> callerIfSignedIn() {
    return Optional.ofNullable(caller);
  }

  /**
   * Checks the form's CSRF token against the session's. Without a session there is nothing to
   * protect yet and the caller is sent to sign in.
   */
  public void requireCsrf(String presented) {
    caller();
    if (!session.csrfMatches(presented)) {
      throw ProblemException.forbidden(
          "the form was out of date or not sent from Arbiter's own page; reload the page and try again");
    }
  }

  /** The layout's data: the user's name and the CSRF token for every form. */
  @Transactional
  public Chrome chrome() {
    if (caller == null) {
      return Chrome.ANONYMOUS;
    }
    if (chrome == null) {
      String name = users.findByIdOptional(caller.userId()).map(u -> u.name)
          .orElse("unknown user");
      chrome = new Chrome(true, name, caller.admin(), session.csrfToken(), null);
    }
    return chrome;
  }
}
