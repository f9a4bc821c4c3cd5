package dev.arbiter.api.lti.key;

import dev.arbiter.api.lti.LtiConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the tool's private JWKs at rest (AES-256-GCM, the kid as associated data) with {@code
 * arbiter.lti.keys.encryption-key}, so a database dump or backup alone cannot sign as Arbiter.
 * Without that setting keys are stored as plain JWKs, with a warning at start. {@code @Startup}: a
 * malformed key stops the service at boot, not at the first LTI launch.
 */
@Startup
@ApplicationScoped
public class ToolKeyCipher {

  /** Marks a sealed value; anything else is a plain JWK (stored before a key was configured). */
  static final String SEALED = "enc:v1:";

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<SecretKey> key;

  @Inject
  ToolKeyCipher(LtiConfig config) {
    this(config.keys().encryptionKey());
  }

  /** For tests: a cipher on a base64 key, or none. */
  ToolKeyCipher(Optional<String> base64Key) {
    this.key = base64Key.map(ToolKeyCipher::aesKey);
    if (key.isEmpty()) {
      Log.warn("arbiter.lti.keys.encryption-key is not set: LTI tool keys are stored unencrypted");
    }
  }

  boolean enabled() {
    return key.isPresent();
  }

  static boolean sealed(String stored) {
    return stored.startsWith(SEALED);
  }

  /** The value to store for {@code jwk}: sealed when a key is configured, else as it is. */
  String seal(String kid, String jwk) {
    if (key.isEmpty()) {
      return jwk;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher aes = cipher(Cipher.ENCRYPT_MODE, iv, kid);
      byte[] sealed = aes.doFinal(jwk.getBytes(StandardCharsets.UTF_8));
      return SEALED + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt LTI tool key " + kid, e);
    }
  }

  /** The JWK of a stored value, sealed or not. */
  String open(String kid, String stored) {
    if (!sealed(stored)) {
      return stored;
    }
    if (key.isEmpty()) {
      throw new IllegalStateException("LTI tool key " + kid
          + " is stored encrypted: set arbiter.lti.keys.encryption-key to the key that sealed it");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(stored.substring(SEALED.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("LTI tool key " + kid + " is not valid sealed data", e);
    }
    if (bytes.length <= IV_BYTES) {
      throw new IllegalStateException("LTI tool key " + kid + " is not valid sealed data");
    }
    try {
      byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
      Cipher aes = cipher(Cipher.DECRYPT_MODE, iv, kid);
      return new String(aes.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
          StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("LTI tool key " + kid
          + " does not open with the configured arbiter.lti.keys.encryption-key (another key?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt LTI tool key " + kid, e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String kid) throws GeneralSecurityException {
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(mode, key.orElseThrow(), new GCMParameterSpec(TAG_BITS, iv));
    aes.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
    return aes;
  }

  private static SecretKey aesKey(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("arbiter.lti.keys.encryption-key must be 32 random bytes,"
          + " base64-encoded (e.g. head -c 32 /dev/urandom | base64)");
    }
    return new SecretKeySpec(raw, "AES");
  }
}
