package dev.arbiter.api.web;

import dev.arbiter.api.testing.KafkaResource;
import dev.arbiter.common.job.GradingJobCompleted;
import dev.arbiter.common.job.GradingJobStarted;
import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.WireFormat;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the worker's part for page tests: publishes result events with a plain KafkaProducer onto
 * this test run's results topic, exactly as a worker would (key = submission id, JSON of the
 * wire model).
 */
final class GradingResults {

  private GradingResults() {}

  static void publish(GradingResultEvent event) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(KafkaResource.RESULTS_TOPIC, event.submissionId(),
          WireFormat.mapper().writeValueAsString(event))).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not publish a result event", e);
    }
  }

  static void started(String submissionId) {
    publish(new GradingJobStarted(UUID.randomUUID().toString(), 1, "job-" + submissionId,
        submissionId, "test-worker", Instant.now()));
  }

  static void completed(String submissionId, int suiteVersion, List<dev.arbiter.common.job.TestOutcome> tests) {
    publish(new GradingJobCompleted(UUID.randomUUID().toString(), 1, "job-" + submissionId,
        submissionId, suiteVersion, dev.arbiter.common.status.SubmissionStatus.GRADED, tests, null,
        "test-worker", 1, Instant.now().minusMillis(40), Instant.now()));
  }
}
