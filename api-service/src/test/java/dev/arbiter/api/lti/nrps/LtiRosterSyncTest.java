package dev.arbiter.api.lti.nrps;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import dev.arbiter.api.lti.InjectLtiPlatform;
import dev.arbiter.api.lti.LtiPlatformResource;
import dev.arbiter.api.lti.LtiScenario;
import dev.arbiter.api.lti.LtiScenario.LmsCourse;
import dev.arbiter.api.lti.TestLtiPlatform;
import dev.arbiter.api.lti.TestLtiPlatform.Member;
import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NRPS roster sync: staff see the LMS's students before any of them launched or submitted. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(LtiPlatformResource.class)
class LtiRosterSyncTest {

  @InjectLtiPlatform TestLtiPlatform platform;

  @ConfigProperty(name = "arbiter.lti.base-url")
  String toolBase;

  LtiScenario lms;

  @BeforeEach
  void setUp() {
    lms = new LtiScenario(platform, toolBase);
  }

  @Test
  void rosterSyncAddsStudentsWhoHaveNotSubmittedAcrossBothPages() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    String suffix = Long.toHexString(System.nanoTime());
    platform.roster(
        course.contextId(),
        List.of(
            new Member(course.instructor().subject, course.instructor().name, null, List.of(TestLtiPlatform.INSTRUCTOR)),
            new Member("s1-" + suffix, "Ada " + suffix, null, List.of(TestLtiPlatform.LEARNER)),
            new Member("s2-" + suffix, "Grace " + suffix, null, List.of(TestLtiPlatform.LEARNER)),
            new Member("t1-" + suffix, "Tim " + suffix, null,
                List.of(TestLtiPlatform.INSTRUCTOR, TestLtiPlatform.TEACHING_ASSISTANT)),
            new Member("m1-" + suffix, "Mentor " + suffix, null,
                List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"))));

    LtiScenario.as(course.instructorCookie())
        .post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(200)
        .body("contexts", equalTo(1))
        .body("members", equalTo(4))
        .body("added", equalTo(3));

    LtiScenario.as(course.instructorCookie()).get("/api/v1/courses/{c}/members", course.courseId())
        .then().statusCode(200)
        .body("name", hasItems("Ada " + suffix, "Grace " + suffix, "Tim " + suffix))
        .body("name", not(hasItem("Mentor " + suffix)))
        .body("findAll { it.name == 'Ada " + suffix + "' }.role", equalTo(List.of("STUDENT")))
        .body("findAll { it.name == 'Tim " + suffix + "' }.role", equalTo(List.of("TA")));
    // The grade report lists them though they never submitted.
    LtiScenario.as(course.instructorCookie()).get("/api/v1/exercises/{e}/grades", exerciseId)
        .then().statusCode(200);
  }

  @Test
  void aSyncedStudentWhoLaunchesLaterIsTheSameUser() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    String suffix = Long.toHexString(System.nanoTime());
    platform.roster(course.contextId(), List.of(new Member("s-" + suffix, "Lin " + suffix, null, List.of(TestLtiPlatform.LEARNER))));
    LtiScenario.as(course.instructorCookie()).post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(200).body("added", equalTo(1));

    TestLtiPlatform.Launch launch = platform.newLaunch().custom("exercise_id", exerciseId);
    launch.contextId = course.contextId();
    launch.subject = "s-" + suffix;
    launch.name = "Lin " + suffix;
    lms.browser().launch(platform, launch);

    LtiScenario.as(course.instructorCookie()).get("/api/v1/courses/{c}/members", course.courseId())
        .then().statusCode(200).body("findAll { it.name == 'Lin " + suffix + "' }.size()", equalTo(1));
  }

  @Test
  void studentsCannotSyncTheRoster() throws Exception {
    LmsCourse course = lms.course();
    String exerciseId = lms.exercise(course, "sum");
    LtiScenario.Student student = lms.student(course, exerciseId, null);

    LtiScenario.as(student.cookie()).post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(403);
  }

  @Test
  void theLaunchCookieDoesNotAuthenticateWhatAnotherSiteCouldSend() throws Exception {
    LmsCourse course = lms.course();
    platform.roster(course.contextId(), List.of());
    // The cookie is SameSite=None: another site's form could make the browser send it, with an
    // empty or form-encoded body. Such a request is not the instructor's.
    given().header("Cookie", course.instructorCookie()).contentType("application/x-www-form-urlencoded")
        .post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(401);
    given().header("Cookie", course.instructorCookie())
        .post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(401);
    LtiScenario.as(course.instructorCookie()).header("Sec-Fetch-Site", "cross-site")
        .post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(401);
    // Reads stay the instructor's even when the browser came from the LMS's site: another site
    // cannot read the answer (no CORS), and the first page after a launch arrives that way.
    LtiScenario.as(course.instructorCookie()).header("Sec-Fetch-Site", "cross-site")
        .get("/api/v1/courses/{c}/members", course.courseId())
        .then().statusCode(200);
    // The same calls from Arbiter's own pages (JSON, same origin) are the instructor's.
    LtiScenario.as(course.instructorCookie()).header("Sec-Fetch-Site", "same-origin")
        .post("/api/v1/lti/courses/{c}/roster-sync", course.courseId())
        .then().statusCode(200);
  }

  @Test
  void courseWithoutLmsContextHasNothingToSync() {
    String courseId = ApiClient.createCourse("Plain course");

    ApiClient.ADMIN.request().post("/api/v1/lti/courses/{c}/roster-sync", courseId)
        .then().statusCode(409).contentType("application/problem+json");
  }
}
