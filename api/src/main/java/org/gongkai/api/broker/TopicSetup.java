package org.gongkai.api.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.gongkai.schemas.Topics;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics the app needs on a broker, leaving existing ones as they are. */
public final class TopicSetup {

  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicSetup() {}

  /**
   * Creates each of {@code topicNames} that does not exist yet with {@code partitions} partitions
   * and {@code replicationFactor} replicas. Existing topics are not altered, whatever their
   * partition count; a topic created concurrently by someone else counts as existing.
   */
  public static void ensure(
      String bootstrapServers,
      Collection<String> topicNames,
      int partitions,
      short replicationFactor) {
    ensure(bootstrapServers, Map.of(), topicNames, partitions, replicationFactor);
  }

  /**
   * As {@link #ensure(String, Collection, int, short)}, with more admin client settings, e.g. the
   * SASL credentials of a secured cluster.
   */
  public static void ensure(
      String bootstrapServers,
      Map<String, ?> clientProperties,
      Collection<String> topicNames,
      int partitions,
      short replicationFactor) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be at least 1, was " + replicationFactor);
    }
    Set<String> wanted = new LinkedHashSet<>(topicNames);
    if (wanted.isEmpty()) {
      return;
    }
    Map<String, Object> config = new java.util.HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String name : wanted) {
        if (!existing.contains(name)) {
          NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor));
          if (name.equals(Topics.DEAD_LETTERS.name())) {
            // A dead letter is a whole input record plus headers: it must fit even when the input was as large as allowed.
            topic.configs(Map.of("max.message.bytes", Integer.toString(Topics.DEAD_LETTER_MAX_BYTES)));
          }
          missing.add(topic);
        }
      }
      if (missing.isEmpty()) {
        log.info("All {} topics already exist on {}", wanted.size(), bootstrapServers);
        return;
      }
      Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
      for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        try {
          result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          log.info(
              "Created topic {} ({} partitions, replication factor {}) on {}",
              result.getKey(),
              partitions,
              replicationFactor,
              bootstrapServers);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          log.info("Topic {} was created concurrently; leaving it as it is", result.getKey());
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot create topics on " + bootstrapServers + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Timed out creating topics on " + bootstrapServers + " after " + TIMEOUT_SECONDS + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted creating topics on " + bootstrapServers, e);
    }
  }

  /** How many partitions the topic has (it exists: {@link #ensure} made sure). */
  public static int partitions(String bootstrapServers, Map<String, ?> clientProperties, String topic) {
    Map<String, Object> config = new java.util.HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    try (Admin admin = Admin.create(config)) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(topic).partitions().size();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot describe " + topic + " on " + bootstrapServers + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out describing " + topic + " on " + bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted describing " + topic, e);
    }
  }
}
