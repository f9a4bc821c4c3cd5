package dev.arbiter.api.lti.deeplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LtiDeepLinkingResponseBuilderTest {

  private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

  @Test
  void responseIsSignedByTheToolForThePlatformAndCarriesTheExerciseAndLineItem() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("tool-1").generate();
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    String jwt =
        DeepLinkingResponseBuilder.build(
            key,
            "client-abc",
            "https://moodle.example.org",
            "7",
            "opaque-data",
            List.of(
                new DeepLinkingResponseBuilder.ExerciseLink(
                    "Sum two numbers", "https://arbiter.example.org/lti/launch", "ex-1", 2.0, "ex-1", "arbiter")),
            now);

    SignedJWT parsed = SignedJWT.parse(jwt);
    assertTrue(parsed.verify(new RSASSAVerifier(key.toRSAPublicKey())));
    assertEquals(JWSAlgorithm.RS256, parsed.getHeader().getAlgorithm());
    assertEquals("tool-1", parsed.getHeader().getKeyID());
    JWTClaimsSet c = parsed.getJWTClaimsSet();
    assertEquals("client-abc", c.getIssuer());
    assertEquals(List.of("https://moodle.example.org"), c.getAudience());
    assertEquals("7", c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id"));
    assertEquals("LtiDeepLinkingResponse", c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/message_type"));
    assertEquals("1.3.0", c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/version"));
    assertEquals("opaque-data", c.getStringClaim(DL + "data"));
    assertTrue(c.getExpirationTime().toInstant().isAfter(now));
    assertFalse(c.getStringClaim("nonce").isBlank());

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) c.getClaim(DL + "content_items");
    assertEquals(1, items.size());
    Map<String, Object> item = items.get(0);
    assertEquals("ltiResourceLink", item.get("type"));
    assertEquals("https://arbiter.example.org/lti/launch", item.get("url"));
    assertEquals(Map.of("exercise_id", "ex-1"), item.get("custom"));
    @SuppressWarnings("unchecked")
    Map<String, Object> lineItem = (Map<String, Object>) item.get("lineItem");
    assertEquals(2.0, ((Number) lineItem.get("scoreMaximum")).doubleValue());
    assertEquals("Sum two numbers", lineItem.get("label"));
    assertEquals("ex-1", lineItem.get("resourceId"));
    assertEquals("arbiter", lineItem.get("tag"));
  }

  @Test
  void noDataClaimWhenTheRequestHadNone() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("tool-1").generate();
    String jwt =
        DeepLinkingResponseBuilder.build(key, "c", "https://lms", "1", null, List.of(), Instant.now());
    assertEquals(null, SignedJWT.parse(jwt).getJWTClaimsSet().getClaim(DL + "data"));
  }
}
