package dev.arbiter.api.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Looks at this run's topics from the outside, the way an operator would with kafka-consumer-groups
 * and kafka-console-consumer: how far each consumer group lags, and what was published.
 */
final class KafkaProbe {

  /** Kept referenced: the client libraries' INFO chatter (config dumps, reconnects) buries the test's output. */
  private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

  static {
    KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final String bootstrap;

  KafkaProbe(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** A client per question: an idle one would spend the broker outages of the tests reconnecting. */
  private Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(p);
  }

  /**
   * Records of {@code topic} not yet committed by {@code group}: end offsets minus committed
   * offsets, summed over partitions (a partition the group never committed counts whole).
   */
  long lag(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed;
    Map<TopicPartition, Long> ends;
    try (Admin admin = admin()) {
      committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(15, TimeUnit.SECONDS);
      ends = endOffsets(admin, topic);
    }
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += e.getValue() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  /** Waits (bounded: only a hung system stops it) until the group has committed all of topic. */
  void awaitCaughtUp(String group, String topic, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    long lag = -1;
    while (System.nanoTime() < deadline) {
      try {
        lag = lag(group, topic);
        if (lag == 0) {
          return;
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // The broker is still coming back; ask again.
      }
      Thread.sleep(500);
    }
    throw new AssertionError(group + " still lags " + lag + " records on " + topic + " after " + wait);
  }

  /** Every value published to the topic so far, read from the beginning by a throwaway reader. */
  List<String> values(String topic) throws Exception {
    Map<TopicPartition, Long> ends;
    try (Admin admin = admin()) {
      ends = endOffsets(admin, topic);
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      c.assign(ends.keySet());
      c.seekToBeginning(ends.keySet());
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end");
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
            out.add(r.value());
          }
        }
      }
    }
    return out;
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(15, TimeUnit.SECONDS).get(topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    ListOffsetsResult r = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
    return r.all().get(15, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
