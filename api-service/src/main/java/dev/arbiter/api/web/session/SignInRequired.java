package dev.arbiter.api.web.session;

/** A page needs a signed-in user and there is none; rendered as a redirect to the sign-in page. */
public final class SignInRequired extends RuntimeException {

  public SignInRequired() {
    super("sign-in required", null, false, false);
  }
}
