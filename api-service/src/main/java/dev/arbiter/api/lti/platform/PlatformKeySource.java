package dev.arbiter.api.lti.platform;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.LtiHttp;
import dev.arbiter.api.problem.ProblemException;
import dev.arbiter.api.lti.PlatformCallFailed;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform's public keys, fetched from its JWKS URL and cached per platform. An id_token
 * naming a kid we do not know triggers one refetch (the LMS rotated its key); a second unknown
 * kid within {@code unknown-kid-refetch-interval} is refused without fetching, so forged kids
 * cannot turn the launch endpoint into a request amplifier against the LMS.
 */
@ApplicationScoped
public class PlatformKeySource {

  private record Cached(JWKSet keys, Instant fetchedAt) {}

  private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
  private final LtiHttp http;
  private final LtiConfig config;

  PlatformKeySource(LtiHttp http, LtiConfig config) {
    this.http = http;
    this.config = config;
  }

  /**
   * The platform's RSA key with this kid.
   *
   * @throws ProblemException 401 when the kid is unknown even after a refetch, or the JWKS cannot be had
   */
  public RSAKey rsaKey(Platform platform, String kid) {
    if (kid == null || kid.isBlank()) {
      throw ProblemException.unauthorized("id_token header has no kid");
    }
    Instant now = Instant.now();
    Cached cached = cache.get(platform.id);
    if (cached == null || cached.fetchedAt.plus(config.platformKeys().cacheTtl()).isBefore(now)) {
      cached = fetch(platform, now);
    }
    JWK key = cached.keys.getKeyByKeyId(kid);
    if (key == null
        && cached.fetchedAt.plus(config.platformKeys().unknownKidRefetchInterval()).isBefore(now)) {
      Log.infof("LTI platform %s: unknown kid %s, refetching its JWKS", platform.issuer, kid);
      key = fetch(platform, now).keys.getKeyByKeyId(kid);
    }
    if (key == null) {
      throw ProblemException.unauthorized("id_token is signed with a key (kid " + kid
          + ") that is not in the platform's JWKS");
    }
    if (!(key instanceof RSAKey rsa)) {
      throw ProblemException.unauthorized("platform key " + kid + " is not an RSA key");
    }
    return rsa;
  }

  /** Drops the cached keys of a platform, e.g. after its registration changed. */
  public void forget(UUID platformId) {
    cache.remove(platformId);
  }

  private Cached fetch(Platform platform, Instant now) {
    try {
      String body =
          http.sendExpectingSuccess(
                  http.request(URI.create(platform.jwksUrl))
                      .header("Accept", "application/json")
                      .GET()
                      .build())
              .body();
      Cached fresh = new Cached(JWKSet.parse(body), now);
      cache.put(platform.id, fresh);
      return fresh;
    } catch (PlatformCallFailed e) {
      Log.warnf("LTI platform %s: JWKS fetch failed: %s", platform.issuer, e.getMessage());
      throw ProblemException.unauthorized("the platform's JWKS could not be fetched");
    } catch (ParseException | IllegalArgumentException e) {
      Log.warnf("LTI platform %s: JWKS at %s is not a JWK Set", platform.issuer, platform.jwksUrl);
      throw ProblemException.unauthorized("the platform's JWKS is not a valid JWK Set");
    }
  }
}
