package org.gongkai.api;

import java.util.ArrayList;
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

  public EventPublisher(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** @return how many events were acknowledged */
  public int publish(List<ParsedEvent> events) throws InterruptedException {
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

  @Override
  public void close() {
    producer.close();
  }
}
