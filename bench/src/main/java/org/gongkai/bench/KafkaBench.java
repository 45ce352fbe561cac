package org.gongkai.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka side of the benchmark: producing, the raw consumer ceiling, offsets and lag. */
final class KafkaBench {
  private KafkaBench() {}

  /** Producer settings tried by the calibration. */
  record ProducerSettings(String name, int lingerMs, int batchSize, String compression) {
    static final ProducerSettings DEFAULTS = new ProducerSettings("Kafka defaults (linger 5 ms, batch 16 KiB, none)", -1, -1, "none");

    static ProducerSettings tuned(String compression) {
      return new ProducerSettings("linger 20 ms, batch 256 KiB, " + compression, 20, 256 * 1024, compression);
    }
  }

  static KafkaProducer<String, byte[]> producer(String bootstrap, ProducerSettings settings) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    if (settings.lingerMs() >= 0) {
      p.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
    }
    if (settings.batchSize() > 0) {
      p.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchSize());
      p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    }
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends and counts; fails the run on the first send error. */
  static final class Loader implements AutoCloseable {
    final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    Loader(String bootstrap, ProducerSettings settings) {
      this.producer = producer(bootstrap, settings);
    }

    /** Fetches the topics' metadata, so that timing starts with a connected producer. */
    Loader warm(Collection<String> topics) {
      topics.forEach(producer::partitionsFor);
      return this;
    }

    void send(String topic, String key, byte[] value) {
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("producing failed: " + e, e);
      }
      producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
      });
      sent.incrementAndGet();
      bytes.addAndGet(value.length + key.length());
    }

    void finish() {
      producer.flush();
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("producing failed: " + e, e);
      }
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(30));
    }
  }

  static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(p);
  }

  static List<TopicPartition> partitions(Admin admin, Collection<String> topics) throws Exception {
    List<TopicPartition> out = new ArrayList<>();
    for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).values()) {
      d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition())));
    }
    return out;
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions, IsolationLevel isolation)
      throws Exception {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(specs, new ListOffsetsOptions(isolation)).all().get(60, TimeUnit.SECONDS)
        .forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  static Map<TopicPartition, Long> committed(Admin admin, String groupId) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
    offsets.forEach((tp, om) -> {
      if (om != null) {
        out.put(tp, om.offset());
      }
    });
    return out;
  }

  /**
   * Waits until every partition of the topics has a leader, then a second more: producing to a
   * topic whose leadership is still settling gets NOT_LEADER retries, which with idempotence have
   * been seen to wedge a producer (OutOfOrderSequenceException on every retry).
   */
  static void awaitLeaders(Admin admin, Collection<String> topics) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        boolean ready = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
            .allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null));
        if (ready) {
          Thread.sleep(1000);
          return;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // not known yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have no leaders after 60 s");
      }
      Thread.sleep(100);
    }
  }

  static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records/s of a plain consumer (byte[] values, no group) reading the partitions from start to end. */
  record Ceiling(long records, long bytes, double seconds) {
    double perSecond() {
      return records / seconds;
    }
  }

  static Ceiling rawConsume(String bootstrap, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-ceiling");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      ends.forEach((tp, end) -> {
        if (end > 0) {
          remaining.put(tp, end);
        }
      });
      long records = 0;
      long bytes = 0;
      long start = System.nanoTime();
      while (!remaining.isEmpty()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (var r : batch) {
          records++;
          bytes += r.serializedValueSize() + r.serializedKeySize();
        }
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
      return new Ceiling(records, bytes, (System.nanoTime() - start) / 1e9);
    }
  }
}
