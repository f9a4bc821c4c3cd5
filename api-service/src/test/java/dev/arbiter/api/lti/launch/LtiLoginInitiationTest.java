package dev.arbiter.api.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiBrowser;
import dev.arbiter.api.lti.LtiFixtures;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.lti.TestLtiPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiLoginInitiationTest {

  @InjectLtiPlatform TestLtiPlatform platform;


  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  LtiBrowser browser;

  @BeforeEach
  void setUp() throws Exception {
    browser = new LtiBrowser(toolBase);
    LtiFixtures.register(platform);
  }

  @Test
  void getLoginRedirectsTheBrowserToThePlatformWithEveryOidcParameter() throws Exception {
    TestLtiPlatform.Launch launch = platform.newLaunch();
    Map<String, String> params = browser.loginParams(platform, launch);

    HttpResponse<String> response = browser.loginGet(params);

    assertRedirectCarriesOidcParameters(response, params);
  }

  @Test
  void postLoginRedirectsTheSameWay() throws Exception {
    TestLtiPlatform.Launch launch = platform.newLaunch();
    Map<String, String> params = browser.loginParams(platform, launch);

    HttpResponse<String> response = browser.loginPost(params);

    assertRedirectCarriesOidcParameters(response, params);
  }

  @Test
  void eachLoginGetsItsOwnStateAndNonce() throws Exception {
    TestLtiPlatform.Launch launch = platform.newLaunch();
    Map<String, String> first = query(browser.loginGet(browser.loginParams(platform, launch)));
    Map<String, String> second = query(browser.loginGet(browser.loginParams(platform, launch)));
    assertNotEquals(first.get("state"), second.get("state"));
    assertNotEquals(first.get("nonce"), second.get("nonce"));
  }

  @Test
  void unknownIssuerIsRefusedWithAProblem() throws Exception {
    Map<String, String> params = browser.loginParams(platform, platform.newLaunch());
    params.put("iss", "https://unknown-lms.example.org");

    HttpResponse<String> response = browser.loginGet(params);

    assertEquals(401, response.statusCode());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void targetOutsideArbiterIsRefusedSoLoginCannotRedirectAnywhere() throws Exception {
    Map<String, String> params = browser.loginParams(platform, platform.newLaunch());
    params.put("target_link_uri", "https://evil.example.org/phish");

    HttpResponse<String> response = browser.loginGet(params);

    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("target_link_uri"), response.body());
  }

  @Test
  void unknownDeploymentIsRefused() throws Exception {
    Map<String, String> params = browser.loginParams(platform, platform.newLaunch());
    params.put("lti_deployment_id", "99");

    assertEquals(401, browser.loginGet(params).statusCode());
  }

  @Test
  void missingLoginHintIsABadRequest() throws Exception {
    Map<String, String> params = browser.loginParams(platform, platform.newLaunch());
    params.remove("login_hint");

    HttpResponse<String> response = browser.loginGet(params);

    assertEquals(400, response.statusCode());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
  }

  private void assertRedirectCarriesOidcParameters(HttpResponse<String> response, Map<String, String> sent) {
    assertEquals(302, response.statusCode(), response.body());
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertEquals(platform.authLoginUrl(), location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath());
    Map<String, String> q = TestLtiPlatform.parseForm(location.getRawQuery());
    assertEquals("openid", q.get("scope"));
    assertEquals("id_token", q.get("response_type"));
    assertEquals("form_post", q.get("response_mode"));
    assertEquals("none", q.get("prompt"));
    assertEquals(platform.clientId(), q.get("client_id"));
    assertEquals(toolBase + "/lti/launch", q.get("redirect_uri"));
    assertEquals(sent.get("login_hint"), q.get("login_hint"));
    // Moodle's lti_message_hint is JSON and must come back byte for byte.
    assertEquals(sent.get("lti_message_hint"), q.get("lti_message_hint"));
    assertTrue(q.get("state").length() >= 32, "state has enough entropy");
    assertTrue(q.get("nonce").length() >= 32, "nonce has enough entropy");
    assertEquals(10, q.size(), "exactly the OIDC parameters: " + q.keySet());
  }

  private static Map<String, String> query(HttpResponse<String> redirect) {
    return TestLtiPlatform.parseForm(
        URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery());
  }
}
