package dev.arbiter.api.result;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Await;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.KafkaTopics;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.Results;
import dev.arbiter.common.job.GradingJobCompleted;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ResultsConsumerTest {

  @Test
  void startedEventMakesTheSubmissionRunning() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    KafkaTopics.publishResult(Results.started(id));

    Await.submissionStatus(ex.course().alice(), id, "RUNNING");
  }

  @Test
  void completedEventGradesTheSubmissionAndRedactsHiddenTestsForTheStudent() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    KafkaTopics.publishResult(Results.halfRight(id));

    var seen = Await.submissionStatus(ex.course().alice(), id, "GRADED");
    assertEquals(1.0f, seen.getFloat("score"));
    assertEquals(2.0f, seen.getFloat("maxScore"));
    assertEquals("PASSED", seen.getString("tests[0].status"));
    assertEquals("5\n", seen.getString("tests[0].output"));
    assertEquals(31, seen.getInt("tests[0].timeMs"));
    assertEquals("FAILED", seen.getString("tests[1].status"));
    assertEquals(0.0f, seen.getFloat("tests[1].score"));
    assertEquals(1.0f, seen.getFloat("tests[1].maxScore"));
    assertEquals(java.util.Set.of("name", "visibility", "status", "score", "maxScore"),
        seen.getMap("tests[1]").keySet(), "a hidden test shows its author nothing more");
    assertNull(seen.get("infraReason"));
    ex.course().alice().request().get("/api/v1/submissions/{s}", id).then()
        .body("gradedAt", org.hamcrest.Matchers.endsWith("Z"));
  }

  @Test
  void staffSeeHiddenTestDetails() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    KafkaTopics.publishResult(Results.halfRight(id));

    Await.submissionStatus(ex.course().ta(), id, "GRADED");
    ex.course().ta().request().get("/api/v1/submissions/{s}", id).then()
        .body("tests[1].output", equalTo("secret output"))
        .body("tests[1].stderr", equalTo("secret stderr"))
        .body("tests[1].actual", equalTo("-1"))
        .body("tests[1].expected", equalTo(-5));
  }

  @Test
  void sameCompletionTwiceStoresOneGrade() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);
    GradingJobCompleted event = Results.halfRight(id);

    KafkaTopics.publishResult(event);
    KafkaTopics.publishResult(event);
    consumedUpTo(id);

    assertEquals(2, Db.query("SELECT count(*) FROM test_results WHERE submission_id = ?::uuid",
        id));
    ex.course().bob().request().get("/api/v1/submissions/{s}", id).then()
        .body("score", equalTo(1.0f));
  }

  @Test
  void secondCompletionOfARedeliveredJobNeverChangesTheGrade() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    KafkaTopics.publishResult(Results.halfRight(id));
    Await.submissionStatus(ex.course().alice(), id, "GRADED");
    GradingJobCompleted second = Results.allRight(id);

    KafkaTopics.publishResult(second);
    Await.rows(1, "SELECT count(*) FROM processed_events WHERE event_id = ?", second.eventId());

    ex.course().alice().request().get("/api/v1/submissions/{s}", id).then()
        .body("score", equalTo(1.0f)).body("tests[1].status", equalTo("FAILED"));
    assertEquals(2, Db.query("SELECT count(*) FROM test_results WHERE submission_id = ?::uuid",
        id));
  }

  @Test
  void failedInfraShowsTheReasonToStaffOnly() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    KafkaTopics.publishResult(Results.failedInfra(id, "runc: cgroup setup failed"));

    var student = Await.submissionStatus(ex.course().alice(), id, "FAILED_INFRA");
    assertNull(student.get("infraReason"));
    assertNull(student.get("score"));
    ex.course().instructor().request().get("/api/v1/submissions/{s}", id).then()
        .body("infraReason", equalTo("runc: cgroup setup failed")).body("attempts", equalTo(3));
  }

  @Test
  void startedAfterCompletedDoesNotReopenTheSubmission() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    KafkaTopics.publishResult(Results.allRight(id));
    Await.submissionStatus(ex.course().alice(), id, "GRADED");

    KafkaTopics.publishResult(Results.started(id));
    consumedUpTo(id);

    ex.course().alice().request().get("/api/v1/submissions/{s}", id).then()
        .body("status", equalTo("GRADED"));
  }

  @Test
  void unknownSubmissionAndUnreadableRecordsAreSkipped() {
    var ex = ApiClient.exercise();
    KafkaTopics.publishResult(Results.allRight(UUID.randomUUID().toString()));
    KafkaTopics.publishResult(Results.allRight("not-a-uuid"));
    KafkaTopics.publishRaw("junk", "{this is not json");

    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
    KafkaTopics.publishResult(Results.allRight(id));

    var seen = Await.submissionStatus(ex.course().alice(), id, "GRADED");
    assertEquals(2.0f, seen.getFloat("score"));
    ex.course().alice().request().get("/api/v1/submissions/{s}", id).then()
        .body("tests[0]", hasKey("output")).body("tests[1]", not(hasKey("output")));
  }

  /**
   * Returns once everything published so far for this submission was consumed: a marker event
   * with the same key lands on the same partition, behind them, and leaves a processed_events row
   * (even though a second completion changes nothing else).
   */
  private static void consumedUpTo(String submissionId) {
    GradingJobCompleted marker = Results.failedInfra(submissionId, "marker");
    KafkaTopics.publishResult(marker);
    Await.rows(1, "SELECT count(*) FROM processed_events WHERE event_id = ?", marker.eventId());
  }
}
