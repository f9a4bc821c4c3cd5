package dev.arbiter.api.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiBrowser;
import dev.arbiter.api.lti.LtiFixtures;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.lti.TestLtiPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a launch can be forged or stale ends in 401 problem+json, fails for the reason named
 * (so no case passes by tripping an earlier check), and creates nothing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiLaunchRejectionTest {

  private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

  @InjectLtiPlatform TestLtiPlatform platform;


  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  LtiBrowser browser;

  @BeforeEach
  void setUp() {
    browser = new LtiBrowser(toolBase);
    LtiFixtures.register(platform);
  }

  @Test
  void tokenSignedByAnotherKeyUnderThePlatformsKidIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.signWith = TestLtiPlatform.newKey();
    launch.kid = platform.currentKey().getKeyID();

    assertRejected(browser.launch(platform, launch), "signature does not verify");
  }

  @Test
  void tokenSignedWithAKidThePlatformDoesNotPublishIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    RSAKey stranger = TestLtiPlatform.newKey();
    launch.signWith = stranger;
    launch.kid = stranger.getKeyID();

    assertRejected(browser.launch(platform, launch), "not in the platform's JWKS");
  }

  @Test
  void tokenForAnotherToolIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.tamper = b -> b.audience("some-other-tool").claim("azp", "some-other-tool");

    assertRejected(browser.launch(platform, launch), "aud");
  }

  @Test
  void tokenFromAnotherIssuerIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.tamper = b -> b.issuer("https://other-lms.example.org");

    assertRejected(browser.launch(platform, launch), "iss");
  }

  @Test
  void expiredTokenIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    Instant past = Instant.now().minusSeconds(600);
    launch.tamper = b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)));

    assertRejected(browser.launch(platform, launch), "expired");
  }

  @Test
  void replayedFormIsRejectedBecauseTheStateIsSpent() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    LtiBrowser.AutoPostForm form =
        browser.followToPlatform(browser.loginGet(browser.loginParams(platform, launch)));
    browser.submit(form);

    assertRejected(browser.submit(form), "state");
  }

  @Test
  void replayedIdTokenUnderAFreshStateIsRejectedBecauseOfItsNonce() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    LtiBrowser.AutoPostForm captured =
        browser.followToPlatform(browser.loginGet(browser.loginParams(platform, launch)));
    browser.submit(captured);
    // An attacker starts their own login to get a valid state, then posts the captured token.
    LtiBrowser.AutoPostForm fresh =
        browser.followToPlatform(browser.loginGet(browser.loginParams(platform, launch)));
    Map<String, String> forged = new LinkedHashMap<>(fresh.fields());
    forged.put("id_token", captured.fields().get("id_token"));

    assertRejected(browser.submit(new LtiBrowser.AutoPostForm(fresh.action(), forged)), "nonce");
  }

  @Test
  void tokenWithoutDeploymentIdIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.tamper = b -> b.claim(LTI + "deployment_id", null);

    assertRejected(browser.launch(platform, launch), "no deployment_id");
  }

  @Test
  void tokenWithUnregisteredDeploymentIdIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.tamper = b -> b.claim(LTI + "deployment_id", "999");

    assertRejected(browser.launch(platform, launch), "not registered");
  }

  @Test
  void unsupportedMessageTypeIsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.tamper = b -> b.claim(LTI + "message_type", "LtiSubmissionReviewRequest");

    assertRejected(browser.launch(platform, launch), "message_type");
  }

  @Test
  void ltiVersionOtherThan130IsRejected() throws Exception {
    TestLtiPlatform.Launch launch = launch();
    launch.tamper = b -> b.claim(LTI + "version", "1.1");

    assertRejected(browser.launch(platform, launch), "version");
  }

  @Test
  void launchWithoutStateIsRejected() throws Exception {
    HttpResponse<String> response =
        browser.postForm(toolBase + "/lti/launch", Map.of("id_token", "x.y.z"), null);

    assertRejected(response, "state");
  }

  private TestLtiPlatform.Launch launch() {
    return platform.newLaunch().custom("exercise_id", "00000000-0000-0000-0000-000000000000");
  }

  private void assertRejected(HttpResponse<String> response, String reason) throws Exception {
    assertEquals(401, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode problem = new ObjectMapper().readTree(response.body());
    assertEquals(401, problem.path("status").asInt());
    assertTrue(
        problem.path("detail").asText().contains(reason),
        "rejected for the expected reason '" + reason + "': " + problem.path("detail").asText());
    assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "no session after a rejected launch");
  }

  private long users;
  private long memberships;
  private long courses;
  private long userLinks;
  private long sessions;

  @BeforeEach
  void countRows() {
    users = Db.count("users");
    memberships = Db.count("course_members");
    courses = Db.count("courses");
    userLinks = Db.count("lti_user_links");
    sessions = Db.count("web_sessions");
  }

  @AfterEach
  void nothingWasCreated() {
    assertEquals(users, Db.count("users"), "no user created");
    assertEquals(memberships, Db.count("course_members"), "no membership created");
    assertEquals(courses, Db.count("courses"), "no course created");
    assertEquals(userLinks, Db.count("lti_user_links"), "no LMS user linked");
    assertEquals(sessions, Db.count("web_sessions"), "no session opened");
  }
}
