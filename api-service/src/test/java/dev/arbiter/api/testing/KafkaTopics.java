package dev.arbiter.api.testing;

import dev.arbiter.common.job.GradingResultEvent;
import dev.arbiter.common.job.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

/**
 * Plain Kafka clients on this run's topics, standing in for the worker: reads the jobs the
 * service published and publishes result events to it.
 */
public final class KafkaTopics {

  /** Only stops a hung test; the record normally arrives within milliseconds. */
  private static final Duration HANG_LIMIT = Duration.ofSeconds(90);

  private KafkaTopics() {}

  /** Every job record with this key, reading the jobs topic from the beginning. */
  public static List<ConsumerRecord<String, String>> jobsFor(String submissionId, int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
    var found = new java.util.ArrayList<ConsumerRecord<String, String>>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(KafkaResource.JOBS_TOPIC));
      long deadline = System.nanoTime() + HANG_LIMIT.toNanos();
      while (found.size() < atLeast && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (submissionId.equals(r.key())) {
            found.add(r);
          }
        }
      }
    }
    return found;
  }

  /** The first job record keyed by this submission id. */
  public static Optional<ConsumerRecord<String, String>> jobFor(String submissionId) {
    return jobsFor(submissionId, 1).stream().findFirst();
  }

  /** Publishes a result event as a worker would (key = submission id), waiting for the ack. */
  public static void publishResult(GradingResultEvent event) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(KafkaResource.RESULTS_TOPIC, event.submissionId(),
          WireFormat.mapper().writeValueAsString(event))).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish " + event.eventId(), e);
    }
  }

  /** Publishes raw bytes (for unreadable-record tests). */
  public static void publishRaw(String key, String value) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(KafkaResource.RESULTS_TOPIC, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish", e);
    }
  }
}
