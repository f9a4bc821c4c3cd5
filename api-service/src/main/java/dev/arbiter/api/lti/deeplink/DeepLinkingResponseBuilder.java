package dev.arbiter.api.lti.deeplink;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arbiter.api.lti.LtiClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the signed {@code LtiDeepLinkingResponse} (Deep Linking 2.0 §4.2) for one picked exercise.
 * Pure: the caller supplies the signing key and all values, so the JWT's shape is tested without
 * HTTP.
 */
public final class DeepLinkingResponseBuilder {

  /** How long the LMS may take to receive the browser's POST of the response. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  /**
   * One resource link to return.
   *
   * @param title shown in the LMS
   * @param url the launch URL the LMS will target (our redirect URI)
   * @param exerciseId goes into {@code custom.exercise_id}, which returns in every launch
   * @param scoreMaximum the line item's maximum
   * @param resourceId the line item's resourceId (the exercise id)
   * @param tag the line item's tag
   */
  public record ExerciseLink(
      String title, String url, String exerciseId, double scoreMaximum, String resourceId, String tag) {}

  private DeepLinkingResponseBuilder() {}

  /**
   * @param clientId our client id at the LMS: the response's {@code iss} (and {@code azp})
   * @param platformIssuer the LMS: the response's {@code aud}
   * @param deploymentId echoed from the request
   * @param data the request's {@code data}, echoed unchanged when present
   */
  public static String build(
      RSAKey signingKey,
      String clientId,
      String platformIssuer,
      String deploymentId,
      String data,
      List<ExerciseLink> links,
      Instant now) {
    List<Map<String, Object>> items =
        links.stream().map(DeepLinkingResponseBuilder::contentItem).toList();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .audience(platformIssuer)
            .claim("azp", clientId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .claim("nonce", UUID.randomUUID().toString())
            .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE)
            .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
            .claim(LtiClaims.DEPLOYMENT_ID, deploymentId)
            .claim(LtiClaims.DEEP_LINKING_CONTENT_ITEMS, items);
    if (data != null) {
      claims.claim(LtiClaims.DEEP_LINKING_DATA, data);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the deep-linking response", e);
    }
    return jwt.serialize();
  }

  private static Map<String, Object> contentItem(ExerciseLink link) {
    Map<String, Object> lineItem = new LinkedHashMap<>();
    lineItem.put("scoreMaximum", link.scoreMaximum());
    lineItem.put("label", link.title());
    lineItem.put("resourceId", link.resourceId());
    lineItem.put("tag", link.tag());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "ltiResourceLink");
    item.put("title", link.title());
    item.put("url", link.url());
    item.put("custom", Map.of(LtiClaims.CUSTOM_EXERCISE_ID, link.exerciseId()));
    item.put("lineItem", lineItem);
    return item;
  }
}
