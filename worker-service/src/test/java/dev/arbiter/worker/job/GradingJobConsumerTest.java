package dev.arbiter.worker.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobRequested;
import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.JobPurpose;
import dev.arbiter.common.job.TestOutcome;
import dev.arbiter.common.job.WireFormat;
import dev.arbiter.common.status.RunLimits;
import dev.arbiter.common.status.SubmissionStatus;
import dev.arbiter.common.status.TestStatus;
import dev.arbiter.common.suite.TestCase;
import dev.arbiter.common.suite.TestKind;
import dev.arbiter.common.suite.TestSuite;
import dev.arbiter.common.suite.Visibility;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A worker on real Kafka and real runc: jobs in, verdicts out, unreadable jobs dead-lettered. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class GradingJobConsumerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aJobOnTheTopicIsGradedAndItsVerdictPublishedUnderTheSubmissionKey() throws Exception {
    String submissionId = UUID.randomUUID().toString();
    publish(KafkaResource.JOBS, submissionId, json(job(submissionId,
        "import sys, time\n"
            + "def add(a, b):\n    return a - b\n"
            + "if __name__ == '__main__':\n"
            + "    data = sys.stdin.read()\n"
            + "    if not data:\n        time.sleep(30)\n"
            + "    print(sum(map(int, data.split())))\n")));

    GradingJobCompleted done = awaitCompletion(submissionId);

    assertEquals(SubmissionStatus.GRADED, done.outcome());
    assertEquals(List.of(TestStatus.PASSED, TestStatus.FAILED, TestStatus.TIME_LIMIT),
        done.tests().stream().map(TestOutcome::status).toList());
    assertEquals(1.0, done.score());
    assertEquals(3.0, done.maxScore());
  }

  @Test
  void anUnreadableJobGoesToTheDeadLetterTopicAndTheNextJobStillGrades() throws Exception {
    String junk = "{not json " + UUID.randomUUID();
    publish(KafkaResource.JOBS, "junk", junk);
    String submissionId = UUID.randomUUID().toString();
    publish(KafkaResource.JOBS, submissionId, json(job(submissionId, "print(5)\n")));

    assertEquals(SubmissionStatus.GRADED, awaitCompletion(submissionId).outcome());
    assertNotNull(await(KafkaResource.DLQ, r -> r.value().equals(junk)));
  }

  @Test
  void aGradedJobShowsInThePrometheusMetricsWithItsOutcomeAndRunDuration() throws Exception {
    String submissionId = UUID.randomUUID().toString();
    publish(KafkaResource.JOBS, submissionId, json(job(submissionId,
        "def add(a, b):\n    return a + b\nprint(5)\n")));
    assertEquals(SubmissionStatus.GRADED, awaitCompletion(submissionId).outcome());

    String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

    assertTrue(metrics.contains("arbiter_jobs_completed_total{outcome=\"GRADED\""), metrics);
    assertTrue(metrics.contains("arbiter_tests_total{status=\"PASSED\""), metrics);
    // Buckets, so the tail of run durations can be aggregated across workers.
    assertTrue(metrics.contains("arbiter_sandbox_run_duration_seconds_bucket{"), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("arbiter_jobs_active")), metrics);
  }

  static GradingJobRequested job(String submissionId, String mainPy) throws Exception {
    var m = WireFormat.mapper();
    List<TestCase> tests = List.of(
        new TestCase("io", TestKind.IO, "2 3\n", "5\n", "exact", null, null, null, null, 1,
            Visibility.VISIBLE),
        new TestCase("call", TestKind.CALL, null, null, null, "main", "add", m.readTree("[2, 3]"),
            m.readTree("5"), 1, Visibility.HIDDEN),
        new TestCase("slow", TestKind.IO, "", "x\n", "exact", null, null, null, null, 1,
            Visibility.HIDDEN));
    return new GradingJobRequested(UUID.randomUUID().toString(), GradingJobRequested.SCHEMA_VERSION,
        submissionId, "ex", "course", 1, "python3", JobPurpose.SUBMISSION,
        new RunLimits(1, 128, 64, 16, 32), Map.of("main.py", mainPy),
        new TestSuite("main.py", tests), Instant.now());
  }

  private static String json(Object o) throws Exception {
    return WireFormat.mapper().writeValueAsString(o);
  }

  private static void publish(String topic, String key, String value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static GradingJobCompleted awaitCompletion(String submissionId) throws Exception {
    ConsumerRecord<String, String> r = await(KafkaResource.RESULTS, rec -> {
      if (!submissionId.equals(rec.key())) {
        return false;
      }
      JsonNode n = readTree(rec.value());
      return "GradingJobCompleted".equals(n.path("type").asText());
    });
    assertNotNull(r, "no completion for " + submissionId);
    return assertInstanceOf(GradingJobCompleted.class,
        WireFormat.mapper().readValue(r.value(), GradingResultEvent.class));
  }

  private static JsonNode readTree(String s) {
    try {
      return WireFormat.mapper().readTree(s);
    } catch (Exception e) {
      return WireFormat.mapper().createObjectNode();
    }
  }

  static ConsumerRecord<String, String> await(String topic,
      java.util.function.Predicate<ConsumerRecord<String, String>> match) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(r);
          if (match.test(r)) {
            return r;
          }
        }
      }
      return null;
    }
  }
}
