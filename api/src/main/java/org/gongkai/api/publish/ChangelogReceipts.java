package org.gongkai.api.publish;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gongkai.schemas.AvroSerde;
import org.gongkai.state.Receipt;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.ledger.Receipts;

/**
 * Receipts read straight from Kafka: the changelog of the streams' receipts store, from its end
 * as it was when this source was opened (so open it before publishing), committed records only.
 * Needs read access to that topic, which a town publisher does not have under the production
 * ACLs: there, {@link ApiReceipts}.
 */
public final class ChangelogReceipts implements ReceiptSource {
  private static final AvroSerde<Receipt> SERDE = new AvroSerde<>(Receipt.getClassSchema());

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Receipt> latest = new HashMap<>();

  private ChangelogReceipts(String topic, KafkaConsumer<String, byte[]> consumer) {
    this.topic = topic;
    this.consumer = consumer;
  }

  /** @throws ReceiptUnavailable when the changelog is missing (the streams never ran here) or may not be read */
  public static ChangelogReceipts open(String bootstrapServers, Map<String, ?> clientProperties, String applicationId) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) EventPublisher.REACH_TIMEOUT.toMillis());
    String topic = StoreNames.changelog(applicationId, StoreNames.RECEIPTS);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, EventPublisher.REACH_TIMEOUT);
      if (partitions == null || partitions.isEmpty()) {
        throw new ReceiptUnavailable("topic " + topic + " does not exist: the streams have never run on this cluster", null);
      }
      List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToEnd(assigned);
      assigned.forEach(consumer::position);
      return new ChangelogReceipts(topic, consumer);
    } catch (AuthorizationException e) {
      consumer.close();
      throw new ReceiptUnavailable("this user may not read " + topic + " (" + e.getMessage() + ")", e);
    } catch (ReceiptUnavailable | KafkaException e) {
      consumer.close();
      throw e instanceof ReceiptUnavailable u ? u
          : new ReceiptUnavailable("cannot read " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, ReceiptView> receipts(String batch, Collection<String> towns) {
    try {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.value() != null) {
          latest.put(record.key(), SERDE.decode(record.value()));
        }
      }
    } catch (AuthorizationException e) {
      throw new ReceiptUnavailable("this user may not read " + topic + " (" + e.getMessage() + ")", e);
    }
    Map<String, ReceiptView> found = new LinkedHashMap<>();
    for (String town : towns) {
      Receipt receipt = latest.get(Receipts.key(town, batch));
      if (receipt != null) {
        found.put(town, ReceiptView.of(town, batch, receipt));
      }
    }
    return found;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
