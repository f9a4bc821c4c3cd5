package dev.arbiter.api.lti.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arbiter.api.lti.LtiConfig;
import dev.arbiter.api.lti.LtiHttp;
import dev.arbiter.api.lti.PlatformCallFailed;
import dev.arbiter.api.lti.key.ToolKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2 access tokens for LTI Advantage services (LTI security framework §4.1): {@code
 * client_credentials} with a JWT client assertion (RFC 7523) signed by the tool key, POSTed as a
 * form. Tokens are cached per platform and scope set until shortly before they expire.
 */
@ApplicationScoped
public class PlatformTokenClient {

  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private record CacheKey(UUID platformId, String scopes) {}

  private record Token(String value, Instant renewAt) {}

  private final Map<CacheKey, Token> cache = new ConcurrentHashMap<>();
  private final ToolKeyStore toolKeys;
  private final LtiHttp http;
  private final LtiConfig config;
  private final ObjectMapper json = new ObjectMapper();

  PlatformTokenClient(ToolKeyStore toolKeys, LtiHttp http, LtiConfig config) {
    this.toolKeys = toolKeys;
    this.http = http;
    this.config = config;
  }

  /**
   * A bearer token for these scopes at this platform.
   *
   * @throws PlatformCallFailed when the token endpoint refuses or cannot be reached
   */
  public String token(Platform platform, Set<String> scopes) {
    String scope = String.join(" ", new TreeSet<>(scopes));
    CacheKey key = new CacheKey(platform.id, scope);
    Token cached = cache.get(key);
    Instant now = Instant.now();
    if (cached != null && cached.renewAt.isAfter(now)) {
      return cached.value;
    }
    Token fresh = request(platform, scope, now);
    cache.put(key, fresh);
    return fresh.value;
  }

  /** Forgets a token the platform refused (401), so the next call asks for a new one. */
  public void invalidate(Platform platform, Set<String> scopes) {
    cache.remove(new CacheKey(platform.id, String.join(" ", new TreeSet<>(scopes))));
  }

  private Token request(Platform platform, String scope, Instant now) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_assertion_type", ASSERTION_TYPE);
    form.put("client_assertion", clientAssertion(platform, now));
    form.put("scope", scope);
    HttpRequest request =
        http.request(URI.create(platform.authTokenUrl))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
            .build();
    HttpResponse<String> response = http.sendExpectingSuccess(request);
    try {
      JsonNode body = json.readTree(response.body());
      String accessToken = body.path("access_token").asText(null);
      if (accessToken == null || accessToken.isBlank()) {
        throw new PlatformCallFailed(
            "token endpoint " + platform.authTokenUrl + " answered without access_token", response.statusCode());
      }
      long expiresIn = body.path("expires_in").asLong(3600);
      Instant renewAt = now.plusSeconds(expiresIn).minus(config.passback().tokenRenewBefore());
      return new Token(accessToken, renewAt);
    } catch (IOException e) {
      throw new PlatformCallFailed(
          "token endpoint " + platform.authTokenUrl + " answered with invalid JSON", response.statusCode());
    }
  }

  /** RFC 7523 §3: iss = sub = our client id, aud = the token endpoint (or the LMS's stated audience). */
  String clientAssertion(Platform platform, Instant now) {
    RSAKey key = toolKeys.signingKey();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(platform.clientId)
            .subject(platform.clientId)
            .audience(platform.tokenAudience())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a client assertion", e);
    }
    return jwt.serialize();
  }

  static String formBody(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }
}
