package dev.arbiter.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void tokensAre32RandomBytesBase64url() {
    String t = Tokens.newToken();

    assertEquals(32, Base64.getUrlDecoder().decode(t).length);
    assertTrue(t.matches("[A-Za-z0-9_-]{43}"));
    assertNotEquals(t, Tokens.newToken());
  }

  @Test
  void storedHashIsSha256() {
    assertEquals(32, Tokens.sha256("x").length);
  }

  @Test
  void secretsCompareEqualOnlyWhenIdentical() {
    assertTrue(Tokens.sameSecret("abcdefghijklmnop", "abcdefghijklmnop"));
    assertFalse(Tokens.sameSecret("abcdefghijklmnoq", "abcdefghijklmnop"));
    assertFalse(Tokens.sameSecret("abc", "abcdefghijklmnop"));
  }
}
