package dev.arbiter.api.lti;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** LTI 1.3 Advantage settings of the tool side (launch, deep linking, AGS, NRPS). */
@ConfigMapping(prefix = "arbiter.lti")
public interface LtiConfig {

  /**
   * The tool's public base URL as the LMS and the browser reach it, without a trailing slash. The
   * redirect URI ({@code /lti/launch}), the deep-linking target and the JWKS URL are built from it,
   * and a {@code target_link_uri} outside it is refused (it would make the login an open redirect).
   */
  @WithDefault("http://localhost:8080")
  String baseUrl();

  /** Time a browser has between login initiation and the launch POST; state and nonce expire after it. */
  @WithDefault("PT5M")
  Duration loginStateTtl();

  /** Clock skew tolerated on {@code exp} and {@code iat} of a platform's id_token (Moodle's lifetime is 60 s). */
  @WithDefault("PT10S")
  Duration clockSkew();

  /** Timeout of every outgoing call to a platform (JWKS, token, AGS, NRPS). */
  @WithDefault("PT10S")
  Duration httpTimeout();

  /** The tool's own signing keys. */
  Keys keys();

  /** The platforms' public keys. */
  PlatformKeys platformKeys();

  /** Grade passback through AGS. */
  Passback passback();

  /** The tool's RSA keys: the newest is used for signing, older ones stay published a while. */
  interface Keys {

    /** RSA modulus size of new tool keys. */
    @WithDefault("2048")
    int rsaBits();

    /** A key older than this is replaced by a new one at the next rotation check. */
    @WithDefault("P90D")
    Duration rotateAfter();

    /**
     * How long a replaced key stays in the JWKS: LMSs cache the tool's JWKS, so a client assertion
     * or deep-linking response signed just before the rotation must still verify.
     */
    @WithDefault("P7D")
    Duration retiredKeyPublishPeriod();

    /**
     * AES-256 key (32 random bytes, base64) that encrypts the tool's private keys in the database.
     * Without it they are stored as plain JWKs (a warning at start); once set, keys stored before
     * are encrypted at the next start. {@code ./arbiter up} makes one; keep it with the database
     * backups' other secrets, apart from the backups.
     */
    Optional<String> encryptionKey();
  }

  /** Caching of each platform's JWKS. */
  interface PlatformKeys {

    /** A fetched JWKS is reused for this long. */
    @WithDefault("PT1H")
    Duration cacheTtl();

    /**
     * At most one refetch per platform within this period when an id_token names an unknown
     * {@code kid}: rotation needs one refetch, but forged kids must not make us hammer the LMS.
     */
    @WithDefault("PT5S")
    Duration unknownKidRefetchInterval();
  }

  /** Score passback to the LMS gradebook. */
  interface Passback {

    /** How often the passback relay looks for scores to send. */
    @WithDefault("2s")
    String pollInterval();

    /** Scores sent per relay run. */
    @WithDefault("50")
    int batchSize();

    /** First retry delay after a failed post; doubled per attempt. */
    @WithDefault("PT10S")
    Duration initialBackoff();

    /** Upper bound of the retry delay. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Failed posts after which a score is marked FAILED (the reconciliation pass retries it later). */
    @WithDefault("12")
    int maxAttempts();

    /** How often sent scores are compared with the LMS's results and re-sent when they differ. */
    @WithDefault("1h")
    String reconcileInterval();

    /** An access token is renewed this long before the LMS says it expires. */
    @WithDefault("PT30S")
    Duration tokenRenewBefore();
  }
}
