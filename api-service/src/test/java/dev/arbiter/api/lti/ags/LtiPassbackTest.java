package dev.arbiter.api.lti.ags;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.lti.LtiScenario;
import dev.arbiter.api.lti.LtiScenario.LmsCourse;
import dev.arbiter.api.lti.LtiScenario.Student;
import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grade passback end to end: LMS launch → submit with the launch session → a worker's result on
 * Kafka → the score at the LMS's AGS endpoint.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiPassbackTest {

  private static final AtomicInteger LINE_ITEMS = new AtomicInteger(100 + (int) (System.nanoTime() % 1000));

  @InjectLtiPlatform TestLtiPlatform platform;

  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  @Inject PassbackReconciler reconciler;

  LtiScenario lms;

  @BeforeEach
  void setUp() {
    lms = new LtiScenario(platform, toolBase);
  }

  @Test
  void gradedSubmissionsScoreArrivesAtTheLmsLineItem() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    int lineItem = LINE_ITEMS.incrementAndGet();
    Student student = lms.student(course, exerciseId, platform.lineItemUrl(lineItem));
    String submissionId = lms.submit(student, exerciseId);

    LtiScenario.graded(submissionId, 1);

    String sub = student.launch().subject;
    LtiScenario.await("the score reaches the LMS", () -> !platform.scoresFor(sub).isEmpty());
    TestLtiPlatform.ReceivedScore score = platform.scoresFor(sub).get(0);
    assertEquals("/mod/lti/services.php/2/lineitems/" + lineItem + "/lineitem", score.lineItemPath());
    assertEquals("type_id=1", score.query());
    assertEquals(1.0, score.body().path("scoreGiven").asDouble());
    assertEquals(2.0, score.body().path("scoreMaximum").asDouble());
    assertEquals("FullyGraded", score.body().path("gradingProgress").asText());
    LtiScenario.await("staff see it SENT", () -> "SENT".equals(passbackOf(course, exerciseId, sub).getString("status")));
    JsonPath state = passbackOf(course, exerciseId, sub);
    assertEquals(1.0, state.getDouble("scoreGiven"));
    assertEquals(platform.lineItemUrl(lineItem), state.getString("lineItem"));
    // The staff's grade report carries the same state in its passback column.
    String csv = given().header("Cookie", course.instructorCookie())
        .get("/exercises/{e}/report.csv", exerciseId).then().statusCode(200).extract().asString();
    assertTrue(csv.lines().anyMatch(l -> l.startsWith(student.launch().name + ",")
        && l.endsWith(",sent 1/2")), csv);
  }

  @Test
  void scoresGradedDuringAnLmsOutageArriveAfterItEndsAndNoneTwice() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    String lineItem = platform.lineItemUrl(LINE_ITEMS.incrementAndGet());
    Student ann = lms.student(course, exerciseId, lineItem);
    Student bob = lms.student(course, exerciseId, lineItem);
    int refusedBefore = platform.refusedScorePosts();
    platform.agsOutage(true);
    try {
      LtiScenario.graded(lms.submit(ann, exerciseId), 2);
      LtiScenario.graded(lms.submit(bob, exerciseId), 1);
      LtiScenario.await(
          "both posts refused and retried",
          () -> platform.refusedScorePosts() >= refusedBefore + 4);
      JsonPath annState = passbackOf(course, exerciseId, ann.launch().subject);
      assertEquals("PENDING", annState.getString("status"));
      assertTrue(annState.getString("lastError").contains("503"), annState.getString("lastError"));
      assertTrue(platform.scoresFor(ann.launch().subject).isEmpty());
    } finally {
      platform.agsOutage(false);
    }

    LtiScenario.await(
        "both marked SENT after the LMS recovered",
        () -> "SENT".equals(passbackOf(course, exerciseId, ann.launch().subject).getString("status"))
            && "SENT".equals(passbackOf(course, exerciseId, bob.launch().subject).getString("status")));
    assertEquals(1, platform.scoresFor(ann.launch().subject).size(), "Ann's score arrived exactly once");
    assertEquals(1, platform.scoresFor(bob.launch().subject).size(), "Bob's score arrived exactly once");
    assertEquals(2.0, platform.scoresFor(ann.launch().subject).get(0).body().path("scoreGiven").asDouble());
    assertEquals(1.0, platform.scoresFor(bob.launch().subject).get(0).body().path("scoreGiven").asDouble());
  }

  @Test
  void bestPolicyKeepsTheBestScoreAndSwitchingToLatestSendsTheLastOneWithANewerTimestamp() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    Student student = lms.student(course, exerciseId, platform.lineItemUrl(LINE_ITEMS.incrementAndGet()));
    String sub = student.launch().subject;
    LtiScenario.graded(lms.submit(student, exerciseId), 2);
    LtiScenario.await("the first score arrives", () -> platform.scoresFor(sub).size() == 1);
    LtiScenario.await("and is SENT", () -> "SENT".equals(passbackOf(course, exerciseId, sub).getString("status")));

    String worse = lms.submit(student, exerciseId);
    LtiScenario.graded(worse, 1);
    LtiScenario.await("the worse submission is graded", () -> "GRADED".equals(
        LtiScenario.as(student.cookie()).get("/api/v1/submissions/{s}", worse).then().extract().path("status")));
    LtiScenario.await("its passback is settled", () -> "SENT".equals(passbackOf(course, exerciseId, sub).getString("status")));
    assertEquals(1, platform.scoresFor(sub).size(), "best policy: the worse attempt sends nothing");

    LtiScenario.as(course.instructorCookie()).body(Map.of("policy", "latest"))
        .put("/api/v1/lti/exercises/{e}/passback-policy", exerciseId)
        .then().statusCode(200).body("policy", equalTo("latest"));

    LtiScenario.await("the latest score arrives", () -> platform.scoresFor(sub).size() == 2);
    List<TestLtiPlatform.ReceivedScore> scores = platform.scoresFor(sub);
    assertEquals(2.0, scores.get(0).body().path("scoreGiven").asDouble());
    assertEquals(1.0, scores.get(1).body().path("scoreGiven").asDouble());
    assertTrue(timestamp(scores.get(1).body()).isAfter(timestamp(scores.get(0).body())), "timestamps increase");
  }

  @Test
  void reconciliationResendsAScoreTheLmsNoLongerShows() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    Student student = lms.student(course, exerciseId, platform.lineItemUrl(LINE_ITEMS.incrementAndGet()));
    String sub = student.launch().subject;
    LtiScenario.graded(lms.submit(student, exerciseId), 2);
    LtiScenario.await("the score is SENT", () -> "SENT".equals(passbackOf(course, exerciseId, sub).getString("status")));
    platform.forgetScores(sub);

    reconciler.reconcile();

    LtiScenario.await("the score is sent again", () -> platform.scoresFor(sub).size() == 1);
    assertEquals(2.0, platform.scoresFor(sub).get(0).body().path("scoreGiven").asDouble());
  }

  @Test
  void twoLinksFeedingOneGradebookColumnGetTheScoreOnce() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    String lineItem = platform.lineItemUrl(LINE_ITEMS.incrementAndGet());
    Student student = lms.student(course, exerciseId, lineItem);
    TestLtiPlatform.Launch viaSecondLink = student.launch();
    viaSecondLink.resourceLinkId = viaSecondLink.resourceLinkId + "-copy";
    platform.register(viaSecondLink);
    assertEquals(302, lms.browser().launch(platform, viaSecondLink).statusCode());
    String sub = student.launch().subject;

    String submissionId = lms.submit(student, exerciseId);
    LtiScenario.graded(submissionId, 2);

    LtiScenario.await("the score is SENT", () -> "SENT".equals(passbackOf(course, exerciseId, sub).getString("status")));
    assertEquals(1, platform.scoresFor(sub).size());
  }

  @Test
  void studentsCannotSeePassbackStates() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    Student student = lms.student(course, exerciseId, platform.lineItemUrl(LINE_ITEMS.incrementAndGet()));

    LtiScenario.as(student.cookie()).get("/api/v1/lti/exercises/{e}/passback", exerciseId)
        .then().statusCode(403).contentType("application/problem+json");
  }

  private static Instant timestamp(JsonNode score) {
    return Instant.parse(score.path("timestamp").asText());
  }

  /** The staff view's row for one LMS user, read with the instructor's launch session. */
  private static JsonPath passbackOf(LmsCourse course, String exerciseId, String lmsUserId) {
    List<Map<String, Object>> rows =
        LtiScenario.as(course.instructorCookie())
            .get("/api/v1/lti/exercises/{e}/passback", exerciseId)
            .then().statusCode(200).extract().jsonPath()
            .getList("findAll { it.lmsUserId == '" + lmsUserId + "' }");
    return new JsonPath(rows.isEmpty() ? "{}" : toJson(rows.get(0)));
  }

  private static String toJson(Object o) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
