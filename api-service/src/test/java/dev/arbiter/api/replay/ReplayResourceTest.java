package dev.arbiter.api.replay;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.KafkaTopics;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.api.testing.TestUser;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Replaying FAILED_INFRA submissions through the outbox. The test stands in for the worker on the
 * run's real topics: it reads the jobs the service publishes and publishes their completions.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ReplayResourceTest {

  private static final Duration HANG_LIMIT = Duration.ofSeconds(60);
  private static final String REPLAY = "/api/v1/admin/failed-submissions/replay";

  @Test
  void aReplayedSubmissionIsGradedByItsNewJobAndTheOldJobsLateCompletionIsIgnored() throws Exception {
    var ex = ApiClient.exercise();
    TestUser alice = ex.course().alice();
    String id = ApiClient.submit(alice, ex.id(), ApiClient.SUM_SOLUTION);
    GradingJobRequested first = job(KafkaTopics.jobFor(id).orElseThrow());
    KafkaTopics.publishResult(failed(first));
    awaitStatus(alice, id, "FAILED_INFRA");
    ex.course().instructor().request().get("/api/v1/submissions/{id}", id).then()
        .body("infraReason", equalTo("the sandbox failed 3 times"));

    ApiClient.ADMIN.request().body(Map.of("submissionIds", List.of(id))).post(REPLAY)
        .then().statusCode(202).body("replayed", equalTo(1)).body("submissionIds", hasItem(id));

    alice.request().get("/api/v1/submissions/{id}", id).then().body("status", equalTo("QUEUED"));
    List<ConsumerRecord<String, String>> jobs = KafkaTopics.jobsFor(id, 2);
    assertEquals(2, jobs.size());
    GradingJobRequested second = job(jobs.get(1));
    assertNotEquals(first.eventId(), second.eventId(), "a new job, under a new event id");
    assertEquals(first.files(), second.files());
    assertEquals(first.suiteVersion(), second.suiteVersion());
    // The old job was redelivered after all and finishes late, with full marks; then the new job
    // finishes with half. Same partition (same key): the stale one is read first.
    KafkaTopics.publishResult(graded(first, TestStatus.PASSED, TestStatus.PASSED));
    KafkaTopics.publishResult(graded(second, TestStatus.PASSED, TestStatus.FAILED));

    awaitStatus(alice, id, "GRADED");
    alice.request().get("/api/v1/submissions/{id}", id).then()
        .body("score", equalTo(1.0f)).body("tests[1].status", equalTo("FAILED"));
  }

  @Test
  void onlyFailedInfraSubmissionsAreReplayed() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);

    ApiClient.ADMIN.request().body(Map.of("submissionIds", List.of(id))).post(REPLAY)
        .then().statusCode(202).body("replayed", equalTo(0));

    assertEquals(1, KafkaTopics.jobsFor(id, 1).size());
  }

  @Test
  void onlyAdministratorsListOrReplayFailedSubmissions() {
    var ex = ApiClient.exercise();
    TestUser instructor = ex.course().instructor();

    instructor.request().body(Map.of()).post(REPLAY).then().statusCode(403)
        .contentType("application/problem+json");
    instructor.request().get("/api/v1/admin/failed-submissions").then().statusCode(403);
    ApiClient.ADMIN.request().body(Map.of("limit", 0)).post(REPLAY).then().statusCode(400);
  }

  private static void awaitStatus(TestUser user, String id, String status) {
    Awaitility.await().atMost(HANG_LIMIT).until(() -> status.equals(
        user.request().get("/api/v1/submissions/{id}", id).then().extract().path("status")));
  }

  private static GradingJobRequested job(ConsumerRecord<String, String> record) throws Exception {
    return WireFormat.mapper().readValue(record.value(), GradingJobRequested.class);
  }

  private static GradingJobCompleted failed(GradingJobRequested job) {
    return new GradingJobCompleted(UUID.randomUUID().toString(), 1, job.eventId(),
        job.submissionId(), job.suiteVersion(), SubmissionStatus.FAILED_INFRA, List.of(),
        "the sandbox failed 3 times", "test-worker", 3, Instant.now(), Instant.now());
  }

  private static GradingJobCompleted graded(GradingJobRequested job, TestStatus... statuses) {
    List<TestOutcome> tests = new java.util.ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      double score = statuses[i] == TestStatus.PASSED ? 1 : 0;
      tests.add(new TestOutcome(job.suite().tests().get(i).name(), statuses[i], score, 1, 10,
          null, null, null, null));
    }
    return new GradingJobCompleted(UUID.randomUUID().toString(), 1, job.eventId(),
        job.submissionId(), job.suiteVersion(), SubmissionStatus.GRADED, tests, null,
        "test-worker", 1, Instant.now(), Instant.now());
  }
}
