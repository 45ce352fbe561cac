package org.gongkai.streams;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.gongkai.schemas.Topics;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration Gongkai runs with. */
public final class StreamsSettings {
  public static final String APPLICATION_ID = "gongkai";

  private StreamsSettings() {}

  /**
   * @param applicationId instances with the same id share the work
   * @param bootstrapServers the Kafka cluster
   * @param stateDir where RocksDB stores live (rebuilt from changelogs when lost)
   * @param applicationServer this instance's {@code host:port} for interactive queries
   * @param replicationFactor replication of the changelog topics (1 on a single broker)
   * @param numStandbyReplicas warm copies of each store on other instances, for fast failover
   * @param streamThreads stream threads of this instance: each runs some of its tasks (partitions)
   */
  public static Properties properties(String applicationId, String bootstrapServers, Path stateDir,
      String applicationServer, int replicationFactor, int numStandbyReplicas, int streamThreads) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    // Transactional state stores (KIP-892): a store's writes are staged until the commit's
    // transaction has committed. Queries read only committed data, so no figure is served that a
    // lost transaction takes back; and a crash no longer wipes the stores under exactly-once.
    props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    props.put(StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG, "READ_COMMITTED");
    props.put("processing.exception.handler.global.enabled", "true");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // A crashed instance's tasks move to the others after the session times out: 10 s, not 45 s.
    // (A clean stop leaves the group at once: GongkaiApp.close.)
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
    // An instance that joins with no state warms a standby copy first; it takes its share of the
    // active tasks at the next probing rebalance: check every minute (the least allowed), not ten.
    props.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
    // A dead letter carries a whole input record plus headers; it must never be too large to send.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.DEAD_LETTER_MAX_BYTES + 65536);
    return props;
  }
}
