package dev.arbiter.api.lti.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.arbiter.api.lti.LtiConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tool's RSA signing keys (client assertions for AGS/NRPS tokens, deep-linking responses).
 *
 * <p>Keys live in PostgreSQL so every api-service instance signs with, and publishes, the same
 * keys. Rotation makes a new signing key and keeps the old one in the JWKS for {@code
 * arbiter.lti.keys.retired-key-publish-period}, because LMSs cache the tool's JWKS.
 */
@ApplicationScoped
public class ToolKeyStore {

  private final ToolKeyRepository keys;
  private final EntityManager em;
  private final LtiConfig config;
  private final ToolKeyCipher cipher;

  ToolKeyStore(ToolKeyRepository keys, EntityManager em, LtiConfig config, ToolKeyCipher cipher) {
    this.keys = keys;
    this.em = em;
    this.config = config;
    this.cipher = cipher;
  }

  /**
   * Once an encryption key is configured, seals the keys stored before it. At start, so no
   * plain private key stays in the database longer than one restart.
   */
  void sealStoredKeys(@Observes StartupEvent start) {
    if (!cipher.enabled()) {
      return;
    }
    try {
      int sealed = QuarkusTransaction.requiringNew().call(() -> {
        List<ToolKey> plain = keys.listAll().stream()
            .filter(k -> !ToolKeyCipher.sealed(k.privateJwk)).toList();
        plain.forEach(k -> k.privateJwk = cipher.seal(k.kid, k.privateJwk));
        return plain.size();
      });
      if (sealed > 0) {
        Log.infof("LTI tool keys: %d stored key(s) encrypted", sealed);
      }
    } catch (RuntimeException e) {
      // Not a reason to refuse to start (e.g. the database is briefly away): the next start seals.
      Log.warnf("LTI tool keys: stored keys not encrypted this time: %s", e.getMessage());
    }
  }

  /** The key that signs now; made on first use. */
  @Transactional
  public RSAKey signingKey() {
    return parse(keys.findSigningKey().orElseGet(this::createLocked));
  }

  /** The public keys an LMS may need, newest first. */
  @Transactional
  public JWKSet publicJwks() {
    if (keys.findSigningKey().isEmpty()) {
      createLocked();
    }
    List<ToolKey> published = keys.findPublished(Instant.now());
    return new JWKSet(published.stream().map(k -> (JWK) parse(k).toPublicJWK()).toList());
  }

  /**
   * Makes a new signing key and retires the current one(s), which stay published for the grace
   * period.
   *
   * @return the new key's kid
   */
  @Transactional
  public String rotate() {
    lockKeyTable();
    Instant now = Instant.now();
    for (ToolKey old : keys.list("retiredAt is null")) {
      old.retiredAt = now;
      old.publishedUntil = now.plus(config.keys().retiredKeyPublishPeriod());
    }
    ToolKey fresh = newKey(now);
    keys.persist(fresh);
    Log.infof("LTI tool key rotated: new kid %s", fresh.kid);
    return fresh.kid;
  }

  /** Rotates when the signing key is older than {@code arbiter.lti.keys.rotate-after}. */
  @Scheduled(every = "6h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  @Transactional
  void rotateWhenDue() {
    keys.findSigningKey()
        .filter(k -> k.createdAt.plus(config.keys().rotateAfter()).isBefore(Instant.now()))
        .ifPresent(k -> rotate());
    keys.delete("retiredAt is not null and publishedUntil < ?1", Instant.now());
  }

  /** Creates the first key; the table lock keeps two instances starting together from making two. */
  private ToolKey createLocked() {
    lockKeyTable();
    return keys.findSigningKey()
        .orElseGet(
            () -> {
              ToolKey k = newKey(Instant.now());
              keys.persist(k);
              Log.infof("LTI tool key created: kid %s", k.kid);
              return k;
            });
  }

  private void lockKeyTable() {
    em.createNativeQuery("LOCK TABLE lti_tool_keys IN SHARE ROW EXCLUSIVE MODE").executeUpdate();
  }

  private ToolKey newKey(Instant now) {
    try {
      RSAKey rsa =
          new RSAKeyGenerator(config.keys().rsaBits())
              .keyID(UUID.randomUUID().toString())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      ToolKey k = new ToolKey();
      k.kid = rsa.getKeyID();
      k.privateJwk = cipher.seal(k.kid, rsa.toJSONString());
      k.createdAt = now;
      return k;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  private RSAKey parse(ToolKey k) {
    try {
      return RSAKey.parse(cipher.open(k.kid, k.privateJwk));
    } catch (ParseException e) {
      throw new IllegalStateException("stored LTI tool key " + k.kid + " is not a JWK", e);
    }
  }
}
