package org.gongkai.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.gongkai.schemas.Topics;

/**
 * The Kafka part of {@code /health}, as the app's own credential sees it: the brokers that answer,
 * and the partitions of the events topic whose replicas are on brokers that do not (under
 * replicated) or have no leader that answers. Informational: a cluster with one broker down still takes
 * and serves events, so it does not make the instance unhealthy; it names the part that is down.
 */
final class KafkaHealth implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Admin admin;

  KafkaHealth(String bootstrapServers, Map<String, Object> clientProperties) {
    Map<String, Object> config = new LinkedHashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    admin = Admin.create(config);
  }

  /** The body's {@code kafka} part; a line for each part of Kafka that is down goes to {@code down}. */
  Map<String, Object> check(List<String> down) throws InterruptedException {
    Map<String, Object> kafka = new LinkedHashMap<>();
    try {
      Set<Integer> alive = new TreeSet<>();
      for (Node node : admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        alive.add(node.id());
      }
      TopicDescription events = admin.describeTopics(List.of(Topics.EVENTS.name())).allTopicNames()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.EVENTS.name());
      Set<Integer> brokersDown = new TreeSet<>();
      Set<Integer> underReplicated = new TreeSet<>();
      Set<Integer> leaderless = new TreeSet<>();
      for (TopicPartitionInfo p : events.partitions()) {
        p.replicas().stream().map(Node::id).filter(id -> !alive.contains(id)).forEach(brokersDown::add);
        if (p.isr().size() < p.replicas().size()) {
          underReplicated.add(p.partition());
        }
        if (p.leader() == null || p.leader().isEmpty() || !alive.contains(p.leader().id())) {
          leaderless.add(p.partition());
        }
      }
      // A leader that the cluster's metadata still names may be gone (the controllers cannot tell while
      // their quorum is lost): ask every leader for its end offset.
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      events.partitions().forEach(p -> latest.put(new TopicPartition(Topics.EVENTS.name(), p.partition()), OffsetSpec.latest()));
      ListOffsetsResult offsets = admin.listOffsets(latest);
      for (TopicPartition tp : latest.keySet()) {
        try {
          offsets.partitionResult(tp).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
          leaderless.add(tp.partition());
        }
      }
      kafka.put("status", brokersDown.isEmpty() && leaderless.isEmpty() ? "up" : "degraded");
      kafka.put("brokers", alive);
      kafka.put("brokersDown", brokersDown);
      kafka.put("underReplicatedPartitions", underReplicated);
      kafka.put("partitionsWithoutLeader", leaderless);
      if (!brokersDown.isEmpty()) {
        down.add("kafka: broker(s) " + brokersDown + " of the cluster do not answer");
      }
      if (!leaderless.isEmpty()) {
        down.add("kafka: partitions " + leaderless + " of " + Topics.EVENTS.name() + " have no leader that answers: "
            + "events for them cannot be published or processed");
      }
    } catch (ExecutionException | TimeoutException e) {
      String why = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage()) : "no answer within "
          + TIMEOUT.toSeconds() + " s";
      kafka.put("status", "down");
      kafka.put("error", why);
      down.add("kafka: the cluster does not answer (" + why + ")");
    }
    return kafka;
  }

  @Override
  public void close() {
    admin.close(TIMEOUT);
  }
}
