package org.gongkai.api;

import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.schemas.lines.ParsedEvent;

/** Produces parsed events to their topics, keyed by town, and waits until all are acknowledged. */
public final class EventPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  private final String bootstrapServers;
  private final Map<String, ?> clientProperties;

  public EventPublisher(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  /** @param clientProperties more client settings, e.g. the SASL credentials of a secured cluster */
  public EventPublisher(String bootstrapServers, Map<String, ?> clientProperties) {
    this.bootstrapServers = bootstrapServers;
    this.clientProperties = Map.copyOf(clientProperties);
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** @return how many events were acknowledged */
  public int publish(List<ParsedEvent> events) throws InterruptedException {
    requireTopics(events.stream().map(e -> e.topic().name()).collect(Collectors.toSet()));
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    for (ParsedEvent event : events) {
      sent.add(producer.send(new ProducerRecord<>(event.topic().name(), event.town(), event.value())));
    }
    producer.flush();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the broker did not accept an event: " + e.getCause().getMessage(), e.getCause());
      }
    }
    return sent.size();
  }

  /** Fails at once, saying which, when a topic is missing: the producer would otherwise wait for it. */
  private void requireTopics(Set<String> topics) throws InterruptedException {
    Map<String, Object> config = new java.util.HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get();
      Set<String> missing = new TreeSet<>(topics);
      missing.removeAll(existing);
      if (!missing.isEmpty()) {
        throw new IllegalStateException("topic(s) " + missing + " do not exist on " + bootstrapServers
            + ": start `gongkai run` against this cluster first (it creates its topics)");
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
