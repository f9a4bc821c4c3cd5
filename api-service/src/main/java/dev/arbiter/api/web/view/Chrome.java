package dev.arbiter.api.web.view;

/**
 * What the page layout needs on every page: who is signed in, the session's CSRF token for the
 * sign-out form, and a one-time notice after a redirect.
 *
 * @param signedIn false on the sign-in page
 * @param userName shown in the header
 * @param admin an administrator
 * @param csrf the session's CSRF token, for every form on the page
 * @param flash a notice such as "Suite version 2 saved", or null
 */
public record Chrome(boolean signedIn, String userName, boolean admin, String csrf, String flash) {

  public static final Chrome ANONYMOUS = new Chrome(false, null, false, "", null);

  public Chrome withFlash(String message) {
    return new Chrome(signedIn, userName, admin, csrf, message);
  }
}
