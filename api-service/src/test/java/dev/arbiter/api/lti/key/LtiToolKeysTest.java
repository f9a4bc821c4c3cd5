package dev.arbiter.api.lti.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.arbiter.api.lti.LtiBrowser;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.TestUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiToolKeysTest {

  @Inject ToolKeyStore keys;

  @Inject ToolKeyRepository repository;

  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  @Test
  void jwksPublishesTheSigningKeyWithKidAndWithoutPrivateParts() throws Exception {
    String kid = keys.signingKey().getKeyID();

    JWKSet jwks = fetchJwks();

    JWK published = jwks.getKeyByKeyId(kid);
    assertTrue(published != null, "signing key " + kid + " is published");
    assertEquals("RS256", published.getAlgorithm().getName());
    assertEquals("sig", published.getKeyUse().identifier());
    assertFalse(published.isPrivate());
    assertNull(published.toRSAKey().getPrivateExponent());
  }

  @Test
  void rotationSignsWithTheNewKeyAndKeepsTheOldOnePublished() throws Exception {
    String before = keys.signingKey().getKeyID();

    String after =
        ApiClient.ADMIN.request().post("/api/v1/lti/keys/rotate").then().statusCode(200).extract().path("kid");

    assertNotEquals(before, after);
    assertEquals(after, keys.signingKey().getKeyID());
    List<String> kids = fetchJwks().getKeys().stream().map(JWK::getKeyID).toList();
    assertTrue(kids.contains(before), "old key stays published for LMSs that cached it: " + kids);
    assertEquals(after, kids.get(0), "newest first: " + kids);
  }

  @Test
  void privateKeysAreStoredEncryptedAndOnesStoredPlainAreSealedAtStart() throws Exception {
    RSAKey signing = keys.signingKey();
    String stored = storedJwk(signing.getKeyID());
    assertTrue(stored.startsWith(ToolKeyCipher.SEALED), stored);
    assertFalse(stored.contains(signing.getPrivateExponent().toString()));

    // A key stored before an encryption key was configured: plain JSON in the table.
    RSAKey plain = new RSAKeyGenerator(2048).keyID("plain-" + UUID.randomUUID()).generate();
    QuarkusTransaction.requiringNew().run(() -> {
      ToolKey k = new ToolKey();
      k.kid = plain.getKeyID();
      k.privateJwk = plain.toJSONString();
      k.createdAt = Instant.now().minusSeconds(60);
      k.retiredAt = Instant.now();
      k.publishedUntil = Instant.now().plusSeconds(3600);
      repository.persist(k);
    });
    keys.sealStoredKeys(null);

    assertTrue(storedJwk(plain.getKeyID()).startsWith(ToolKeyCipher.SEALED));
    JWK published = fetchJwks().getKeyByKeyId(plain.getKeyID());
    assertEquals(plain.getModulus(), published.toRSAKey().getModulus(), "still opens after sealing");
  }

  @Test
  void onlyAdministratorsRotate() {
    TestUser someone = ApiClient.createUser("not-admin");

    someone.request().post("/api/v1/lti/keys/rotate").then().statusCode(403).contentType("application/problem+json");
  }

  private String storedJwk(String kid) {
    return QuarkusTransaction.requiringNew().call(() -> repository.findById(kid).privateJwk);
  }

  private JWKSet fetchJwks() throws Exception {
    HttpResponse<String> response = new LtiBrowser(toolBase).get("/lti/jwks", null);
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return JWKSet.parse(response.body());
  }
}
