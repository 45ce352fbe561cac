package org.gongkai.api.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.streams.ledger.EventLedger;

/**
 * Produces parsed events to {@link Topics#EVENTS}, keyed by town and in the given order (a
 * town's events keep their order: one partition, an idempotent producer), each marked with the
 * publish it belongs to and its line, so that the streams can write its receipt. Waits until
 * every event is acknowledged by all in-sync replicas; fails within bounded times, with one
 * clear message, when Kafka cannot be reached or does not take the events.
 */
public final class EventPublisher implements AutoCloseable {
  /** How long reaching the cluster at all may take before publishing gives up. */
  public static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);
  /** How long Kafka may take to acknowledge an event, retries included (delivery.timeout.ms). */
  public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** What one publish sent: its batch id, and per town how many events went to which partition. */
  public record Sent(String batch, Map<String, TownSent> towns) {
    public int events() {
      return towns.values().stream().mapToInt(TownSent::events).sum();
    }
  }

  /** One town's share of a publish: all in one partition, in order. */
  public record TownSent(String town, int partition, int events, long lastOffset) {}

  /** Kafka did not take (all) the events; unless {@link #nothingSent}, some may have been stored (publishing again is safe). */
  public static final class PublishFailed extends RuntimeException {
    private final boolean nothingSent;

    PublishFailed(String message, Throwable cause) {
      this(message, cause, false);
    }

    PublishFailed(String message, Throwable cause, boolean nothingSent) {
      super(message, cause);
      this.nothingSent = nothingSent;
    }

    /** Whether it failed before any event was handed to Kafka. */
    public boolean nothingSent() {
      return nothingSent;
    }
  }

  private final String bootstrapServers;
  private final Map<String, Object> clientProperties;
  private final KafkaProducer<String, byte[]> producer;

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
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REACH_TIMEOUT.toMillis() * 2);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Publishes the events as a new batch. */
  public Sent publish(List<ParsedEvent> events) throws InterruptedException {
    return publish(UUID.randomUUID().toString(), events);
  }

  /**
   * @param batch the id the receipt is kept under
   * @throws PublishFailed when Kafka cannot be reached, the topic is missing, or an event is not acknowledged
   */
  public Sent publish(String batch, List<ParsedEvent> events) throws InterruptedException {
    checkCluster();
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    byte[] batchBytes = batch.getBytes(StandardCharsets.UTF_8);
    for (ParsedEvent event : events) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(EventLedger.H_BATCH, batchBytes);
      headers.add(EventLedger.H_LINE, Integer.toString(event.lineNumber()).getBytes(StandardCharsets.UTF_8));
      sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS.name(), null, event.town(), event.value(), headers)));
    }
    // Not producer.flush(): it has no bound. While the producer cannot get its producer id (the
    // controllers have lost their majority) its records never reach delivery.timeout.ms.
    long deadline = System.nanoTime() + DELIVERY_TIMEOUT.plus(REACH_TIMEOUT).toNanos();
    Map<String, TownSent> towns = new LinkedHashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      RecordMetadata meta;
      try {
        meta = sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new PublishFailed("Kafka at " + bootstrapServers + " did not acknowledge the event of line "
            + events.get(i).lineNumber() + " within " + DELIVERY_TIMEOUT.toSeconds() + " s: " + e.getCause().getMessage(),
            e.getCause());
      } catch (TimeoutException e) {
        throw new PublishFailed("Kafka at " + bootstrapServers + " did not acknowledge the event of line "
            + events.get(i).lineNumber() + " within " + DELIVERY_TIMEOUT.plus(REACH_TIMEOUT).toSeconds()
            + " s: too few brokers or controllers up to store it safely", e);
      }
      String town = events.get(i).town();
      TownSent before = towns.get(town);
      towns.put(town, new TownSent(town, meta.partition(), before == null ? 1 : before.events() + 1, meta.offset()));
    }
    return new Sent(batch, towns);
  }

  /**
   * Fails at once, saying why, when the cluster cannot be reached or has no events topic: the
   * producer would otherwise retry for its whole delivery timeout.
   *
   * @throws PublishFailed saying so
   */
  public void checkCluster() throws InterruptedException {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      Set<String> topics = admin.listTopics().names().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!topics.contains(Topics.EVENTS.name())) {
        throw new PublishFailed("topic " + Topics.EVENTS.name() + " does not exist on " + bootstrapServers
            + ": start `gongkai run` against this cluster first (it creates its topics)", null, true);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(e.getCause());
      }
      throw new PublishFailed("cannot reach Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause(), true);
    } catch (TimeoutException e) {
      throw unreachable(e);
    }
  }

  private PublishFailed unreachable(Throwable cause) {
    return new PublishFailed("cannot reach Kafka at " + bootstrapServers + " within " + REACH_TIMEOUT.toSeconds()
        + " s: are the brokers running (a majority of the cluster's nodes), and is the address right?", cause, true);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
