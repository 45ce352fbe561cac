package org.gongkai.api.crash;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gongkai.schemas.Topics;
import org.gongkai.state.YearTally;
import org.gongkai.streams.ledger.EventLedger;
import org.gongkai.streams.tally.YearTallySerde;

/**
 * What Kafka holds of a drill, read with a client of the drill's own (on a secured cluster, the
 * admin's credential): the app's lag, its dead letters and the tallies as their changelog holds them.
 */
public final class KafkaReads {
  private final String bootstrapServers;
  private final Map<String, Object> clientProperties;
  private final Admin admin;

  public KafkaReads(String bootstrapServers, Map<String, Object> clientProperties, Admin admin) {
    this.bootstrapServers = bootstrapServers;
    this.clientProperties = Map.copyOf(clientProperties);
    this.admin = admin;
  }

  /**
   * What the app still has to process: end offsets minus its committed offsets, over its source
   * topics: the input topics and the topic the region rollup reads (its repartition topic).
   */
  public long lag() throws InterruptedException {
    try {
      List<String> topics = new ArrayList<>(List.of(Topics.EVENTS.name()));
      admin.listTopics().names().get().stream().filter(KafkaReads::isRollupTopic).forEach(topics::add);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
        topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
      }
      var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(Drill.GROUP).partitionsToOffsetAndMetadata().get();
      long lag = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
      }
      return lag;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the lag of group " + Drill.GROUP, e.getCause());
    }
  }

  /** The tally changes on their way to the regions: the app's repartition topic(s). */
  private static boolean isRollupTopic(String topic) {
    return topic.startsWith(Drill.GROUP + "-") && topic.endsWith("-repartition");
  }

  /** A record of {@code gongkai.dead-letters}: the eventId of its original value, and where it came from. */
  public record DeadLetter(String eventId, String source, String reason) {}

  /** The dead letters, as a read_committed (what the app's transactions committed) or read_uncommitted consumer sees them. */
  public List<DeadLetter> deadLetters(IsolationLevel isolation) {
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : readAll(Topics.DEAD_LETTERS.name(), isolation, new ByteArrayDeserializer())) {
      String topic = header(record, EventLedger.H_TOPIC);
      String source = topic + "-" + header(record, EventLedger.H_PARTITION) + "@" + header(record, EventLedger.H_OFFSET);
      String eventId;
      try {
        eventId = DrillHistory.eventId((SpecificRecord) Topics.EVENTS.decode(record.value()).getPayload());
      } catch (RuntimeException e) {
        eventId = null; // not an event of this drill
      }
      letters.add(new DeadLetter(eventId, source, header(record, EventLedger.H_REASON)));
    }
    return letters;
  }

  /** The town and region tallies as the changelog holds them: the last committed value of each key. */
  public Map<String, YearTally> tallies() {
    Map<String, YearTally> tallies = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> record : readAll(Drill.TALLY_CHANGELOG, IsolationLevel.READ_COMMITTED,
        new ByteArrayDeserializer())) {
      if (record.value() == null) {
        tallies.remove(record.key());
      } else {
        tallies.put(record.key(), YearTallySerde.decode(record.value()));
      }
    }
    return tallies;
  }

  public List<ConsumerRecord<String, byte[]>> readAll(String topic, IsolationLevel isolation,
      ByteArrayDeserializer values) {
    Map<String, Object> props = new HashMap<>();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(120);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("cannot read " + topic + " to its end " + ends);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

}
