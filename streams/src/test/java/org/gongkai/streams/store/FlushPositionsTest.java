package org.gongkai.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.internals.PositionSerde;
import org.apache.kafka.streams.test.TestRecord;
import org.gongkai.state.YearTally;
import org.gongkai.streams.TestDirs;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.YearTallySerde;
import org.junit.jupiter.api.Test;

/**
 * The flush of a write-back store logs its values without copying the store's position for
 * each record; the position itself, what queries and the offset vectors see, is unchanged.
 */
class FlushPositionsTest {
  private static final String INPUT = "counts";
  private static final String STORE = "tallies";
  private static final String CHANGELOG = "flush-positions-test-" + STORE + "-changelog";

  @Test
  void shouldLogEveryFlushedValueAndKeepTheStoresPosition() {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology(), props(false))) {
      TestInputTopic<String, String> input = driver.createInputTopic(INPUT, Serdes.String().serializer(),
          Serdes.String().serializer());
      input.pipeInput("360923105|2024", "a");
      input.pipeInput("360923105|2024", "b");
      input.pipeInput("360923106|2024", "c");

      Map<String, Long> logged = new java.util.TreeMap<>();
      changelog(driver).readRecordsToList()
          .forEach(r -> logged.put(r.key(), YearTallySerde.decode(r.value()).getAccepted()));
      assertEquals(Map.of("360923105|2024", 2L, "360923106|2024", 1L), logged);

      WriteBackStore<?> store = (WriteBackStore<?>) driver.getAllStateStores().get(STORE);
      Position position = store.getPosition();
      assertEquals(Map.of(0, 2L), position.getPartitionPositions(INPUT), "queries see the input offsets written");
    }
  }

  @Test
  void shouldGiveTheChangelogTheRealPositionWhenOffsetVectorsAreOn() {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology(), props(true))) {
      driver.createInputTopic(INPUT, Serdes.String().serializer(), Serdes.String().serializer())
          .pipeInput("360923105|2024", "a");
      List<TestRecord<String, byte[]>> records = changelog(driver).readRecordsToList();
      assertEquals(1, records.size());
      Header vector = records.get(0).headers().lastHeader("c");
      assertNotNull(vector, "the offset vector is in the record's headers");
      assertEquals(Map.of(0, 0L), PositionSerde.deserialize(ByteBuffer.wrap(vector.value()))
          .getPartitionPositions(INPUT));
    }
  }

  @Test
  void shouldLeaveOffsetVectorsOutWhenTheyAreOff() {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology(), props(false))) {
      driver.createInputTopic(INPUT, Serdes.String().serializer(), Serdes.String().serializer())
          .pipeInput("360923105|2024", "a");
      assertNull(changelog(driver).readRecord().headers().lastHeader("c"));
    }
  }

  private static TestOutputTopic<String, byte[]> changelog(TopologyTestDriver driver) {
    return driver.createOutputTopic(CHANGELOG, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  /** Counts each key's records in a write-back store. */
  private static Topology topology() {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), INPUT);
    topology.addProcessor("count", () -> new Processor<String, String, Void, Void>() {
      private WriteBackStore<YearTally> store;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
      }

      @Override
      public void process(Record<String, String> record) {
        YearTally tally = store.current(record.key());
        if (tally == null) {
          tally = Tallies.empty();
        }
        tally.setAccepted(tally.getAccepted() + 1);
        store.changed(record.key(), tally);
      }
    }, "in");
    topology.addStateStore(WriteBackStore.builder(STORE, new YearTallySerde(), 10).withLoggingEnabled(Map.of()),
        "count");
    return topology;
  }

  private static Properties props(boolean offsetVectors) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flush-positions-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.fresh("flush-positions").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    props.put(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, offsetVectors);
    return props;
  }
}
