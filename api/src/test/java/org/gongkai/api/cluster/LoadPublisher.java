package org.gongkai.api.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.api.crash.Drill;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.oracle.Oracle;

/**
 * A town system publishing under load with its own credential ({@code publisher-<town>}): its
 * share of the history, in order, at a steady rate while the faults go on, then as fast as it can.
 * Idempotent, acks=all: Kafka reports an event acknowledged only once min.insync.replicas have it;
 * while it cannot, the sends wait (delivery timeout of 10 minutes, longer than any fault) and
 * are retried by the producer itself, so a retry is never a second copy. Every acknowledgement
 * is recorded with its partition, offset and time.
 */
final class LoadPublisher implements Runnable {
  /** Where Kafka put an acknowledged event, and when the publisher was told. */
  record Ack(int partition, long offset, long atMillis) {}

  final String user;
  private final List<Oracle.Event> events;
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReferenceArray<Ack> acks;
  private final AtomicLong acknowledged = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private volatile double rate;
  private volatile boolean sent;

  LoadPublisher(String bootstrapServers, Map<String, Object> credential, String user, List<Oracle.Event> events,
      double eventsPerSecond) {
    this.user = user;
    this.events = List.copyOf(events);
    this.acks = new AtomicReferenceArray<>(events.size());
    this.rate = eventsPerSecond;
    Properties props = new Properties();
    props.putAll(credential);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(10).toMillis());
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** From now on as fast as it can. */
  void unthrottle() {
    rate = Double.POSITIVE_INFINITY;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try {
      for (int i = 0; i < events.size(); i++) {
        double r = rate;
        if (r != Double.POSITIVE_INFINITY) {
          long due = start + (long) (i / r * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        Oracle.Event event = events.get(i);
        int index = i;
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), event.key(), Drill.encode(event.value())),
            (meta, error) -> {
              if (error != null) {
                failures.add("event " + index + " (" + event.key() + "): " + error);
              } else {
                acks.set(index, new Ack(meta.partition(), meta.offset(), System.currentTimeMillis()));
                acknowledged.incrementAndGet();
              }
            });
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failures.add("send failed: " + e);
    } finally {
      sent = true;
    }
  }

  List<Oracle.Event> events() {
    return events;
  }

  long acknowledged() {
    return acknowledged.get();
  }

  boolean done() {
    return sent && acknowledged.get() + failures.size() >= events.size();
  }

  Ack ack(int index) {
    return acks.get(index);
  }

  /** Acknowledgements received in [from, to] (epoch millis). */
  long acksBetween(long from, long to) {
    long n = 0;
    for (int i = 0; i < acks.length(); i++) {
      Ack ack = acks.get(i);
      if (ack != null && ack.atMillis() >= from && ack.atMillis() <= to) {
        n++;
      }
    }
    return n;
  }

  List<String> failures() {
    return new ArrayList<>(failures);
  }

  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
