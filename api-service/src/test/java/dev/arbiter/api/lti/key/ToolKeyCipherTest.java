package dev.arbiter.api.lti.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolKeyCipherTest {

  private static final String JWK = "{\"kty\":\"RSA\",\"kid\":\"k1\",\"d\":\"secret-exponent\"}";

  private static ToolKeyCipher with(byte fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, fill);
    return new ToolKeyCipher(Optional.of(Base64.getEncoder().encodeToString(key)));
  }

  @Test
  void sealedKeysOpenAgainAndShowNothingOfTheKey() {
    ToolKeyCipher cipher = with((byte) 1);
    String sealed = cipher.seal("k1", JWK);

    assertTrue(sealed.startsWith(ToolKeyCipher.SEALED));
    assertFalse(sealed.contains("secret-exponent"));
    assertNotEquals(sealed, cipher.seal("k1", JWK), "a fresh IV every time");
    assertEquals(JWK, cipher.open("k1", sealed));
  }

  @Test
  void aSealedKeyDoesNotOpenUnderAnotherKidOrAnotherKey() {
    String sealed = with((byte) 1).seal("k1", JWK);

    assertThrows(IllegalStateException.class, () -> with((byte) 1).open("k2", sealed));
    IllegalStateException wrongKey =
        assertThrows(IllegalStateException.class, () -> with((byte) 2).open("k1", sealed));
    assertTrue(wrongKey.getMessage().contains("another key"), wrongKey.getMessage());
  }

  @Test
  void withoutAKeyPlainJwksPassAndSealedOnesAskForTheKey() {
    ToolKeyCipher none = new ToolKeyCipher(Optional.empty());
    String sealed = with((byte) 1).seal("k1", JWK);

    assertEquals(JWK, none.seal("k1", JWK));
    assertEquals(JWK, none.open("k1", JWK));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> none.open("k1", sealed));
    assertTrue(e.getMessage().contains("arbiter.lti.keys.encryption-key"), e.getMessage());
    assertEquals(JWK, with((byte) 3).open("k1", JWK), "keys stored before encryption still open");
  }

  @Test
  void aKeyThatIsNot32Base64BytesIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new ToolKeyCipher(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))));
    assertThrows(IllegalArgumentException.class,
        () -> new ToolKeyCipher(Optional.of("not base64 at all!")));
  }
}
