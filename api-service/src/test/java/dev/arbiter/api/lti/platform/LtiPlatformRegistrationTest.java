package dev.arbiter.api.lti.platform;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.TestUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST/GET /api/v1/lti/platforms} as CONTRACT.md has it. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiPlatformRegistrationTest {

  @Test
  void administratorRegistersAMoodleWithSeveralDeploymentsAndSeesItListed() {
    Map<String, Object> moodle = moodle();
    moodle.put("deploymentIds", List.of("1", "7"));

    String id =
        ApiClient.ADMIN.request().body(moodle).post("/api/v1/lti/platforms")
            .then().statusCode(201).header("Location", notNullValue()).body("id", notNullValue())
            .extract().path("id");

    ApiClient.ADMIN.request().get("/api/v1/lti/platforms")
        .then().statusCode(200)
        .body("id", hasItem(id))
        .body("find { it.id == '" + id + "' }.clientId", equalTo(moodle.get("clientId")))
        .body("find { it.id == '" + id + "' }.deploymentIds", equalTo(List.of("1", "7")));
  }

  @Test
  void sameIssuerAndClientIdTwiceIsAConflict() {
    Map<String, Object> moodle = moodle();
    ApiClient.ADMIN.request().body(moodle).post("/api/v1/lti/platforms").then().statusCode(201);

    ApiClient.ADMIN.request().body(moodle).post("/api/v1/lti/platforms")
        .then().statusCode(409).contentType("application/problem+json");
  }

  @Test
  void issuerWithTrailingSlashIsRefusedBecauseItCouldNeverMatch() {
    Map<String, Object> moodle = moodle();
    moodle.put("issuer", moodle.get("issuer") + "/");
    long before = Db.count("lti_platforms");

    ApiClient.ADMIN.request().body(moodle).post("/api/v1/lti/platforms")
        .then().statusCode(400).contentType("application/problem+json");
    org.junit.jupiter.api.Assertions.assertEquals(before, Db.count("lti_platforms"));
  }

  @Test
  void missingDeploymentIdsIsABadRequest() {
    Map<String, Object> moodle = moodle();
    moodle.remove("deploymentIds");

    ApiClient.ADMIN.request().body(moodle).post("/api/v1/lti/platforms")
        .then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void onlyAdministratorsRegisterOrList() {
    TestUser someone = ApiClient.createUser("instructor-like");

    someone.request().body(moodle()).post("/api/v1/lti/platforms").then().statusCode(403);
    someone.request().get("/api/v1/lti/platforms").then().statusCode(403);
  }

  private static Map<String, Object> moodle() {
    String host = "https://moodle-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    Map<String, Object> m = new HashMap<>();
    m.put("issuer", host);
    m.put("clientId", "aBcDeFgHiJkLmNo");
    m.put("deploymentIds", List.of("1"));
    m.put("authLoginUrl", host + "/mod/lti/auth.php");
    m.put("authTokenUrl", host + "/mod/lti/token.php");
    m.put("jwksUrl", host + "/mod/lti/certs.php");
    return m;
  }
}
