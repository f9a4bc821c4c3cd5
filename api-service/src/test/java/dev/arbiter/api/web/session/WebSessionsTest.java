package dev.arbiter.api.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.auth.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebSessionsTest {

  @Test
  void theCsrfTokenIsStablePerSessionAndDiffersBetweenSessions() {
    String a = Tokens.newToken();
    String b = Tokens.newToken();
    assertEquals(WebSessions.csrfFor(a), WebSessions.csrfFor(a));
    assertNotEquals(WebSessions.csrfFor(a), WebSessions.csrfFor(b));
    assertFalse(WebSessions.csrfFor(a).contains(a), "the token does not reveal the cookie");
  }

  @Test
  void onlyTheSessionsOwnTokenIsAccepted() {
    String cookie = Tokens.newToken();
    var active = new WebSessions.Active("h", UUID.randomUUID(), WebSessions.csrfFor(cookie));
    assertTrue(active.csrfMatches(WebSessions.csrfFor(cookie)));
    assertFalse(active.csrfMatches(WebSessions.csrfFor(Tokens.newToken())));
    assertFalse(active.csrfMatches(null));
    assertFalse(active.csrfMatches(""));
  }

  @Test
  void storedIdsAreHashesNotTheCookie() {
    String cookie = Tokens.newToken();
    String id = WebSessions.hash(cookie);
    assertEquals(64, id.length());
    assertFalse(id.contains(cookie));
  }
}
