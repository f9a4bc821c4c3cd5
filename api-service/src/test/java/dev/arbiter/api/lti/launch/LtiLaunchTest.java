package dev.arbiter.api.lti.launch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiBrowser;
import dev.arbiter.api.lti.LtiFixtures;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Successful launches: who the LMS user becomes in Arbiter, and the session they get. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiLaunchTest {

  private static final Pattern COURSE_ID = Pattern.compile("Arbiter course id ([0-9a-f-]{36})");

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
  void studentLaunchLandsOnTheExerciseWithASessionThatActsAsTheStudent() throws Exception {
    LmsCourse course = lmsCourseWithExercise();
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", course.exerciseId);
    student.contextId = course.contextId;

    HttpResponse<String> response = browser.launch(platform, student);

    assertEquals(302, response.statusCode(), response.body());
    assertEquals(toolBase + "/exercises/" + course.exerciseId, response.headers().firstValue("Location").orElseThrow());
    String setCookie =
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("arbiter_session=")).findFirst().orElseThrow();
    // Inside the LMS iframe the page is a third-party context: only SameSite=None; Secure survives.
    assertTrue(setCookie.contains("; Secure"), setCookie);
    assertTrue(setCookie.contains("; HttpOnly"), setCookie);
    assertTrue(setCookie.contains("; SameSite=None"), setCookie);
    assertTrue(setCookie.contains("; Path=/"), setCookie);
    String cookie = LtiBrowser.cookie(response, "arbiter_session");
    given().header("Cookie", cookie).get("/api/v1/courses")
        .then().statusCode(200).body("findAll { it.id == '" + course.courseId + "' }.role", equalTo(List.of("STUDENT")));
    ApiClient.ADMIN.request().get("/api/v1/courses/{c}/members", course.courseId)
        .then().statusCode(200).body("name", hasItem(student.name));
  }

  @Test
  void teachingAssistantBecomesTaAndInstructorStaysInstructor() throws Exception {
    LmsCourse course = lmsCourseWithExercise();
    TestLtiPlatform.Launch ta =
        platform.newLaunch().custom("exercise_id", course.exerciseId)
            .roles(TestLtiPlatform.INSTRUCTOR, TestLtiPlatform.TEACHING_ASSISTANT);
    ta.contextId = course.contextId;

    String cookie = LtiBrowser.cookie(browser.launch(platform, ta), "arbiter_session");

    given().header("Cookie", cookie).get("/api/v1/courses")
        .then().statusCode(200).body("findAll { it.id == '" + course.courseId + "' }.role", equalTo(List.of("TA")));
    given().header("Cookie", course.instructorCookie).get("/api/v1/courses")
        .then().statusCode(200).body("findAll { it.id == '" + course.courseId + "' }.role", equalTo(List.of("INSTRUCTOR")));
  }

  @Test
  void secondLaunchOfTheSameLmsUserIsTheSameArbiterUser() throws Exception {
    LmsCourse course = lmsCourseWithExercise();
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", course.exerciseId);
    student.contextId = course.contextId;

    browser.launch(platform, student);
    browser.launch(platform, student);

    assertEquals(1, LtiFixtures.count("SELECT count(*) FROM lti_user_links WHERE subject = ?", student.subject));
    assertEquals(1, LtiFixtures.count("SELECT count(*) FROM users WHERE name = ?", student.name));
  }

  @Test
  void launchStillWorksAfterThePlatformRotatesItsKey() throws Exception {
    LmsCourse course = lmsCourseWithExercise();
    platform.rotateKey();
    int fetchesBefore = platform.jwksFetches();
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", course.exerciseId);
    student.contextId = course.contextId;

    HttpResponse<String> response = browser.launch(platform, student);

    assertEquals(302, response.statusCode(), response.body());
    assertEquals(fetchesBefore + 1, platform.jwksFetches(), "the unknown kid made the tool refetch the JWKS once");
  }

  @Test
  void exerciseOfAnotherCourseIsNotReachableAndCreatesNothing() throws Exception {
    LmsCourse course = lmsCourseWithExercise();
    String foreign = LtiFixtures.createExercise(ApiClient.createCourse("Other course"), "foreign");
    TestLtiPlatform.Launch student = platform.newLaunch().custom("exercise_id", foreign);
    student.contextId = course.contextId;

    HttpResponse<String> response = browser.launch(platform, student);

    assertEquals(404, response.statusCode(), response.body());
    assertEquals(0, LtiFixtures.count("SELECT count(*) FROM lti_user_links WHERE subject = ?", student.subject));
  }

  /** An LMS course whose instructor came in once (creating the Arbiter course) and an exercise in it. */
  record LmsCourse(String contextId, String courseId, String exerciseId, String instructorCookie) {}

  private LmsCourse lmsCourseWithExercise() throws Exception {
    TestLtiPlatform.Launch instructor = platform.newLaunch().roles(TestLtiPlatform.INSTRUCTOR);
    instructor.messageType = "LtiDeepLinkingRequest";
    instructor.deepLinkReturnUrl = platform.issuer() + "/mod/lti/contentitem_return.php";
    HttpResponse<String> picker = browser.launch(platform, instructor);
    assertEquals(200, picker.statusCode(), picker.body());
    Matcher m = COURSE_ID.matcher(picker.body());
    assertTrue(m.find(), picker.body());
    String courseId = m.group(1);
    String exerciseId = LtiFixtures.createExercise(courseId, "sum");
    return new LmsCourse(instructor.contextId, courseId, exerciseId, LtiBrowser.cookie(picker, "arbiter_session"));
  }
}
