package dev.arbiter.api.lti;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaTopics;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of an LMS course's life that LTI tests build on, each over real HTTP: an instructor
 * enters from the LMS (creating the Arbiter course), creates an exercise with their session, a
 * student launches and submits, a worker's result arrives on Kafka.
 */
public final class LtiScenario {

  private static final Pattern COURSE_ID = Pattern.compile("Arbiter course id ([0-9a-f-]{36})");

  /** An LMS course whose instructor came in once through deep linking. */
  public record LmsCourse(
      String contextId, String courseId, String instructorCookie, TestLtiPlatform.Launch instructor) {}

  /** A student who launched, with their session. */
  public record Student(TestLtiPlatform.Launch launch, String cookie) {}

  private final TestLtiPlatform platform;
  private final LtiBrowser browser;

  public LtiScenario(TestLtiPlatform platform, String toolBase) {
    this.platform = platform;
    this.browser = new LtiBrowser(toolBase);
    LtiFixtures.register(platform);
  }

  public LtiBrowser browser() {
    return browser;
  }

  /** A deep-linking launch of a new instructor in a new LMS course: the picker page. */
  public HttpResponse<String> instructorDeepLinkLaunch(TestLtiPlatform.Launch instructor) throws Exception {
    instructor.messageType = "LtiDeepLinkingRequest";
    instructor.deepLinkReturnUrl = platform.issuer() + "/mod/lti/contentitem_return.php";
    platform.register(instructor);
    HttpResponse<String> picker = browser.launch(platform, instructor);
    assertEquals(200, picker.statusCode(), picker.body());
    return picker;
  }

  public LmsCourse course() throws Exception {
    TestLtiPlatform.Launch instructor = platform.newLaunch().roles(TestLtiPlatform.INSTRUCTOR);
    HttpResponse<String> picker = instructorDeepLinkLaunch(instructor);
    Matcher m = COURSE_ID.matcher(picker.body());
    assertTrue(m.find(), picker.body());
    return new LmsCourse(
        instructor.contextId, m.group(1), LtiBrowser.cookie(picker, "arbiter_session"), instructor);
  }

  /** The instructor, with their launch session, creates an exercise and its 2-point suite. */
  public String exercise(LmsCourse course, String slug) {
    String id =
        as(course.instructorCookie())
            .body(Map.of("slug", slug, "title", "Exercise " + slug, "language", "python3"))
            .post("/api/v1/courses/{c}/exercises", course.courseId())
            .then().statusCode(201).extract().path("id");
    as(course.instructorCookie()).body(ApiClient.SUM_SUITE).put("/api/v1/exercises/{e}/suite", id)
        .then().statusCode(201);
    return id;
  }

  /** A student's resource-link launch into the exercise, with the LMS's line item. */
  public Student student(LmsCourse course, String exerciseId, String lineItemUrl) throws Exception {
    TestLtiPlatform.Launch launch = platform.newLaunch().custom("exercise_id", exerciseId);
    launch.contextId = course.contextId();
    launch.membershipsUrl = platform.membershipsUrl(course.contextId());
    launch.lineItemUrl = lineItemUrl;
    // Every student of one LMS activity comes through the same resource link.
    launch.resourceLinkId = "rl-" + course.contextId() + "-" + exerciseId;
    HttpResponse<String> response = browser.launch(platform, launch);
    assertEquals(302, response.statusCode(), response.body());
    return new Student(launch, LtiBrowser.cookie(response, "arbiter_session"));
  }

  /** Submits the sum solution with the student's session; the submission id. */
  public String submit(Student student, String exerciseId) {
    return as(student.cookie()).body(Map.of("files", ApiClient.SUM_SOLUTION))
        .post("/api/v1/exercises/{e}/submissions", exerciseId)
        .then().statusCode(202).extract().path("id");
  }

  /** A worker's completion of a submission of the 2-test sum suite, passing {@code passed} tests. */
  public static void graded(String submissionId, int passed) {
    List<TestOutcome> tests =
        List.of(
            new TestOutcome("adds small numbers", passed >= 1 ? TestStatus.PASSED : TestStatus.FAILED,
                passed >= 1 ? 1 : 0, 1, 12, "5\n", "", null, null),
            new TestOutcome("adds negatives", passed >= 2 ? TestStatus.PASSED : TestStatus.FAILED,
                passed >= 2 ? 1 : 0, 1, 9, "", "", "-5", null));
    Instant now = Instant.now();
    KafkaTopics.publishResult(
        new GradingJobCompleted(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString(), submissionId, 1,
            SubmissionStatus.GRADED, tests, null, "test-worker", 1, now, now));
  }

  /**
   * Waits until the condition holds. The bound only stops a hung test: passback normally takes
   * one relay poll.
   */
  public static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** A JSON API request carrying a launch session cookie instead of a bearer token. */
  public static RequestSpecification as(String cookie) {
    return given().header("Cookie", cookie).contentType(ContentType.JSON).accept(ContentType.JSON);
  }
}
