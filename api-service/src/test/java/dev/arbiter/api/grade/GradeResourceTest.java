package dev.arbiter.api.grade;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Await;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.KafkaTopics;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.Results;
import dev.arbiter.api.testing.TestUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class GradeResourceTest {

  /** Alice: a half-right then an all-right submission; Bob: nothing. */
  private static ApiClient.Exercise graded() {
    var ex = ApiClient.exercise();
    String first = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    KafkaTopics.publishResult(Results.halfRight(first));
    Await.submissionStatus(ex.course().alice(), first, "GRADED");
    String second = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    KafkaTopics.publishResult(Results.allRight(second));
    Await.submissionStatus(ex.course().alice(), second, "GRADED");
    return ex;
  }

  @Test
  void taSeesEachStudentsBestAndLatestAsJson() {
    var ex = graded();

    var rows = ex.course().ta().request().get("/api/v1/exercises/{e}/grades", ex.id())
        .then().statusCode(200).extract().jsonPath();

    List<Map<String, Object>> list = rows.getList("$");
    assertEquals(2, list.size(), "one row per student, staff excluded");
    Map<String, Object> alice = list.stream()
        .filter(r -> r.get("userId").equals(ex.course().alice().id())).findFirst().orElseThrow();
    assertEquals(2, alice.get("submissions"));
    assertEquals(2.0f, alice.get("bestScore"));
    assertEquals(2.0f, alice.get("maxScore"));
    assertEquals("GRADED", alice.get("latestStatus"));
    Map<String, Object> bob = list.stream()
        .filter(r -> r.get("userId").equals(ex.course().bob().id())).findFirst().orElseThrow();
    assertEquals(0, bob.get("submissions"));
    assertEquals(null, bob.get("bestScore"));
  }

  @Test
  void gradesAsCsvGuardAgainstFormulaInjection() {
    var c = ApiClient.course();
    String exercise = ApiClient.createExercise(c.instructor(), c.id(), "csv");
    ApiClient.putSuite(c.instructor(), exercise, ApiClient.SUM_SUITE);
    TestUser mallory = ApiClient.createUser("=HYPERLINK(\"http://evil\",\"x\")");
    ApiClient.addMember(c.instructor(), c.id(), mallory, "STUDENT");

    String csv = c.instructor().request().accept("text/csv")
        .get("/api/v1/exercises/{e}/grades", exercise)
        .then().statusCode(200).contentType(containsString("text/csv"))
        .header("Content-Disposition", containsString("grades-csv.csv"))
        .extract().asString();

    assertThat(csv, containsString("user_id,name,email,submissions,best_score"));
    assertThat(csv, containsString("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""));
    assertThat(csv, not(containsString(",=HYPERLINK")));
  }

  @Test
  void studentsCannotReadGrades() {
    var ex = ApiClient.exercise();

    ex.course().alice().request().get("/api/v1/exercises/{e}/grades", ex.id())
        .then().statusCode(403).contentType("application/problem+json");
    ApiClient.createUser("stranger").request().get("/api/v1/exercises/{e}/grades", ex.id())
        .then().statusCode(404);
  }
}
