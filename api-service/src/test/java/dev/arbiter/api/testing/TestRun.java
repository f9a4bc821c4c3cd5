package dev.arbiter.api.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Identity of one test JVM. Other engineers run tests against the same PostgreSQL and Kafka at the
 * same time, so every database, topic and consumer group of this run carries {@link #ID}.
 */
public final class TestRun {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Lower-case hex, safe in database, topic and group names. */
  public static final String ID = HexFormat.of().formatHex(RANDOM.generateSeed(5));

  /** The bootstrap administrator's token of this run. */
  public static final String BOOTSTRAP_TOKEN = "test-bootstrap-" + HexFormat.of()
      .formatHex(RANDOM.generateSeed(16));

  /** This run's arbiter.lti.keys.encryption-key: 32 random bytes, base64. */
  public static final String LTI_KEY_ENCRYPTION_KEY =
      Base64.getEncoder().encodeToString(RANDOM.generateSeed(32));

  private TestRun() {}
}
