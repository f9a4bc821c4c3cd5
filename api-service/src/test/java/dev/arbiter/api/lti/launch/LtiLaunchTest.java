package dev.arbiter.api.lti.launch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiBrowser;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.lti.LtiScenario;
import dev.arbiter.api.lti.LtiScenario.LmsCourse;
import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Successful launches: who the LMS user becomes in Arbiter, and the session they get. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiLaunchTest {

  @InjectLtiPlatform TestLtiPlatform platform;

  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  LtiScenario lms;

  @BeforeEach
  void setUp() {
    lms = new LtiScenario(platform, toolBase);
  }

  @Test
  void studentLaunchLandsOnTheExerciseWithASessionThatActsAsTheStudent() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", exerciseId);
    student.contextId = course.contextId();

    HttpResponse<String> response = lms.browser().launch(platform, student);

    assertEquals(302, response.statusCode(), response.body());
    assertEquals(toolBase + "/exercises/" + exerciseId, response.headers().firstValue("Location").orElseThrow());
    String setCookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("arbiter_session=")).findFirst().orElseThrow();
    // Inside the LMS iframe the page is a third-party context: only SameSite=None; Secure survives.
    assertTrue(setCookie.contains("; Secure"), setCookie);
    assertTrue(setCookie.contains("; HttpOnly"), setCookie);
    assertTrue(setCookie.contains("; SameSite=None"), setCookie);
    assertTrue(setCookie.contains("; Path=/"), setCookie);
    assertTrue(setCookie.contains("; Partitioned"), setCookie);
    String cookie = LtiBrowser.cookie(response, "arbiter_session");
    // The redirect target is the first page in the iframe; a browser marks it cross-site (the
    // chain began at the LMS), and the page must still be the student's exercise, not sign-in.
    given().header("Cookie", cookie).header("Sec-Fetch-Site", "cross-site").redirects().follow(false)
        .get("/exercises/{e}", exerciseId)
        .then().statusCode(200).body(containsString("id=\"code\""));
    LtiScenario.as(cookie).get("/api/v1/courses")
        .then().statusCode(200)
        .body("findAll { it.id == '" + course.courseId() + "' }.role", equalTo(List.of("STUDENT")));
    LtiScenario.as(cookie).get("/api/v1/exercises/{e}", exerciseId).then().statusCode(200);
    ApiClient.ADMIN.request().get("/api/v1/courses/{c}/members", course.courseId())
        .then().statusCode(200).body("name", hasItem(student.name));
  }

  @Test
  void teachingAssistantBecomesTaAndInstructorStaysInstructor() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    TestLtiPlatform.Launch ta =
        platform.newLaunch().custom("exercise_id", exerciseId)
            .roles(TestLtiPlatform.INSTRUCTOR, TestLtiPlatform.TEACHING_ASSISTANT);
    ta.contextId = course.contextId();

    String cookie = LtiBrowser.cookie(lms.browser().launch(platform, ta), "arbiter_session");

    LtiScenario.as(cookie).get("/api/v1/courses")
        .then().statusCode(200)
        .body("findAll { it.id == '" + course.courseId() + "' }.role", equalTo(List.of("TA")));
    LtiScenario.as(course.instructorCookie()).get("/api/v1/courses")
        .then().statusCode(200)
        .body("findAll { it.id == '" + course.courseId() + "' }.role", equalTo(List.of("INSTRUCTOR")));
  }

  @Test
  void secondLaunchOfTheSameLmsUserIsTheSameArbiterUser() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", exerciseId);
    student.contextId = course.contextId();

    lms.browser().launch(platform, student);
    lms.browser().launch(platform, student);

    assertEquals(1, Db.query("SELECT count(*) FROM lti_user_links WHERE subject = ?", student.subject));
    assertEquals(1, Db.query("SELECT count(*) FROM users WHERE name = ?", student.name));
  }

  @Test
  void launchStillWorksAfterThePlatformRotatesItsKey() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    platform.rotateKey();
    int fetchesBefore = platform.jwksFetches();
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", exerciseId);
    student.contextId = course.contextId();

    HttpResponse<String> response = lms.browser().launch(platform, student);

    assertEquals(302, response.statusCode(), response.body());
    assertEquals(fetchesBefore + 1, platform.jwksFetches(), "the unknown kid made the tool refetch the JWKS once");
  }

  @Test
  void exerciseOfAnotherCourseIsNotReachableAndCreatesNothing() throws Exception {
    LmsCourse course = lms.course();
    LmsCourse other = lms.course();
    String foreign = lms.exercise(other, "foreign");
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", foreign);
    student.contextId = course.contextId();

    HttpResponse<String> response = lms.browser().launch(platform, student);

    assertEquals(404, response.statusCode(), response.body());
    assertEquals(0, Db.query("SELECT count(*) FROM lti_user_links WHERE subject = ?", student.subject));
    assertEquals(0, Db.query("SELECT count(*) FROM users WHERE name = ?", student.name));
  }

  @Test
  void sessionCookieOpensNothingOnceTheBearerHeaderIsWrong() throws Exception {
    LmsCourse course = lms.course();

    LtiScenario.as(course.instructorCookie()).header("Authorization", "Bearer not-a-token")
        .get("/api/v1/courses").then().statusCode(401);
    LtiScenario.as("arbiter_session=forged").get("/api/v1/courses").then().statusCode(401);
  }
}
