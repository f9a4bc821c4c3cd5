package dev.arbiter.api.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbiter.api.testing.ApiClient;
import dev.arbiter.api.testing.Db;
import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.api.testing.KafkaTopics;
import dev.arbiter.api.testing.PostgresResource;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.suite.TestKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class OutboxRelayTest {

  @Test
  void acceptedSubmissionAppearsOnTheJobsTopicKeyedBySubmissionId() throws Exception {
    var ex = ApiClient.exercise();

    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    var record = KafkaTopics.jobFor(id).orElseThrow();
    var job = WireFormat.mapper().readValue(record.value(), GradingJobRequested.class);
    assertEquals(id, record.key());
    assertEquals(id, job.submissionId());
    assertEquals(ex.id(), job.exerciseId());
    assertEquals(ex.course().id(), job.courseId());
    assertEquals(1, job.suiteVersion());
    assertEquals("python3", job.language());
    assertEquals(JobPurpose.SUBMISSION, job.purpose());
    assertEquals(RunLimits.DEFAULTS, job.limits());
    assertEquals(ApiClient.SUM_SOLUTION, job.files());
    assertEquals(TestKind.CALL, job.suite().tests().get(1).kind());
    assertEquals(-5, job.suite().tests().get(1).expected().asInt());
    assertNotNull(job.requestedAt());
    // eventId = the outbox row's id, and the row is marked published after the broker's ack
    assertEquals(1, Db.query("SELECT count(*) FROM outbox_events WHERE id = ?::uuid"
        + " AND aggregate_id = ? AND type = 'GradingJobRequested'", job.eventId(), id));
    assertEquals(job.eventId(), new String(record.headers().lastHeader("id").value(),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void jobIsPublishedOnceTheRowIsMarkedPublished() {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().bob(), ex.id(), ApiClient.SUM_SOLUTION);

    KafkaTopics.jobFor(id).orElseThrow();

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
        Db.query("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?"
            + " AND published_at IS NOT NULL", id) == 1);
  }

  @Test
  void submissionWhileKafkaIsDownIsAcceptedAndPublishedAfterItReturns() {
    var ex = ApiClient.exercise();
    String id;
    try {
      KafkaResource.stopBroker();
      id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);
      assertEquals(0, Db.query("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?"
          + " AND published_at IS NOT NULL", id), "nothing can be acknowledged without a broker");
    } finally {
      KafkaResource.startBroker();
    }

    var record = KafkaTopics.jobFor(id);

    assertTrue(record.isPresent(), "the job queued during the outage is published afterwards");
    assertEquals(id, record.get().key());
  }

  @Test
  void eventIdIsAUuid() throws Exception {
    var ex = ApiClient.exercise();
    String id = ApiClient.submit(ex.course().alice(), ex.id(), ApiClient.SUM_SOLUTION);

    var job = WireFormat.mapper().readValue(KafkaTopics.jobFor(id).orElseThrow().value(),
        GradingJobRequested.class);

    assertEquals(job.eventId(), UUID.fromString(job.eventId()).toString());
  }
}
