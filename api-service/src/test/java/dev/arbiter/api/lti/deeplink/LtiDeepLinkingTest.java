package dev.arbiter.api.lti.deeplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiBrowser;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.lti.LtiScenario;
import dev.arbiter.api.lti.LtiScenario.LmsCourse;
import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deep Linking 2.0 end to end: LMS request → picker → signed response the LMS can verify. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiDeepLinkingTest {

  private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
  private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  private static final Pattern PICK_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

  @InjectLtiPlatform TestLtiPlatform platform;

  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  LtiScenario lms;

  @BeforeEach
  void setUp() {
    lms = new LtiScenario(platform, toolBase);
  }

  @Test
  void instructorPicksAnExerciseAndTheLmsReceivesASignedResourceLinkWithLineItem() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    course.instructor().deepLinkData = "moodle-opaque-" + System.nanoTime();
    HttpResponse<String> picker = lms.instructorDeepLinkLaunch(course.instructor());
    assertTrue(picker.body().contains("value=\"" + exerciseId + "\""), "the picker offers the exercise");

    HttpResponse<String> answer =
        lms.browser().postForm(pickAction(picker), Map.of("exerciseId", exerciseId), LtiBrowser.cookie(picker, "arbiter_session"));

    assertEquals(200, answer.statusCode(), answer.body());
    LtiBrowser.AutoPostForm form = LtiBrowser.parseAutoPost(answer.body());
    assertEquals(course.instructor().deepLinkReturnUrl, form.action());
    SignedJWT jwt = SignedJWT.parse(form.fields().get("JWT"));
    JWK toolKey =
        JWKSet.parse(lms.browser().get("/lti/jwks", null).body()).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertTrue(jwt.verify(new RSASSAVerifier(toolKey.toRSAKey())), "verifies with the tool's published key");
    JWTClaimsSet c = jwt.getJWTClaimsSet();
    assertEquals(platform.clientId(), c.getIssuer());
    assertEquals(List.of(platform.issuer()), c.getAudience());
    assertEquals(TestLtiPlatform.DEPLOYMENT_ID, c.getStringClaim(LTI + "deployment_id"));
    assertEquals("LtiDeepLinkingResponse", c.getStringClaim(LTI + "message_type"));
    assertEquals("1.3.0", c.getStringClaim(LTI + "version"));
    assertEquals(course.instructor().deepLinkData, c.getStringClaim(DL + "data"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) c.getClaim(DL + "content_items");
    assertEquals(1, items.size());
    Map<String, Object> link = items.get(0);
    assertEquals("ltiResourceLink", link.get("type"));
    assertEquals(toolBase + "/lti/launch", link.get("url"));
    assertEquals(Map.of("exercise_id", exerciseId), link.get("custom"));
    @SuppressWarnings("unchecked")
    Map<String, Object> lineItem = (Map<String, Object>) link.get("lineItem");
    assertEquals(2.0, ((Number) lineItem.get("scoreMaximum")).doubleValue(), "the suite's points");
    assertEquals("Exercise sum", lineItem.get("label"));
    assertEquals(exerciseId, lineItem.get("resourceId"));
  }

  @Test
  void aPickCannotBeSentTwice() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    HttpResponse<String> picker = lms.instructorDeepLinkLaunch(course.instructor());
    String cookie = LtiBrowser.cookie(picker, "arbiter_session");
    lms.browser().postForm(pickAction(picker), Map.of("exerciseId", exerciseId), cookie);

    HttpResponse<String> again = lms.browser().postForm(pickAction(picker), Map.of("exerciseId", exerciseId), cookie);

    assertEquals(404, again.statusCode(), again.body());
  }

  @Test
  void pickWithoutTheInstructorsSessionIsRefused() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    HttpResponse<String> picker = lms.instructorDeepLinkLaunch(course.instructor());

    HttpResponse<String> answer = lms.browser().postForm(pickAction(picker), Map.of("exerciseId", exerciseId), null);

    assertEquals(401, answer.statusCode(), answer.body());
  }

  @Test
  void learnerCannotDeepLink() throws Exception {
    TestLtiPlatform.Launch learner = platform.newLaunch().roles(TestLtiPlatform.LEARNER);
    learner.messageType = "LtiDeepLinkingRequest";
    learner.deepLinkReturnUrl = platform.issuer() + "/mod/lti/contentitem_return.php";

    HttpResponse<String> response = lms.browser().launch(platform, learner);

    assertEquals(403, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
  }

  private static String pickAction(HttpResponse<String> picker) {
    Matcher m = PICK_ACTION.matcher(picker.body());
    assertTrue(m.find(), picker.body());
    return m.group(1);
  }
}
