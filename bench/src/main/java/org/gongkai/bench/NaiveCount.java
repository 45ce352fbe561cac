package org.gongkai.bench;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.schemas.Topics;

/**
 * The cost floor of any Kafka Streams design: the same input topic, exactly-once v2, and nothing
 * but a count of the events per town (the record key) into a persistent (RocksDB) store. No
 * decoding, no repartition, one store; the same commit interval and stream threads as Gongkai.
 * Run by the benchmark as a child JVM, like the app, so that its CPU is its own:
 * {@code java -cp gongkai-bench.jar org.gongkai.bench.NaiveCount BOOTSTRAP STATE_DIR}; it runs
 * until SIGTERM.
 */
public final class NaiveCount {
  static final String APPLICATION_ID = "bench-naive-count";
  static final String STORE = "naive-counts";

  private NaiveCount() {}

  static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .groupByKey()
        .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
    return builder.build();
  }

  static Properties properties(String bootstrap, Path stateDir, int streamThreads) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return p;
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: NaiveCount BOOTSTRAP_SERVERS STATE_DIR [STREAM_THREADS]");
      System.exit(2);
    }
    KafkaStreams streams = new KafkaStreams(topology(), properties(args[0], Path.of(args[1]), args.length == 3 ? Integer.parseInt(args[2]) : 1));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close();
      stopped.countDown();
    }, "naive-count-shutdown"));
    streams.start();
    stopped.await();
  }
}
