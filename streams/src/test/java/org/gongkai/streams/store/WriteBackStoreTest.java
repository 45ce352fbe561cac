package org.gongkai.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.gongkai.state.YearTally;
import org.gongkai.streams.TestDirs;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.YearTallySerde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write-back store over a transactional store (exactly-once, {@code
 * enable.transactional.statestores}): what a commit's flush wrote is visible to a query at
 * READ_COMMITTED only once the commit has been made, so a lost transaction's figures are never
 * served; the stream thread always sees its own changes.
 */
class WriteBackStoreTest {
  private static final String KEY = "360923105|2024";
  private final String stateDir = TestDirs.fresh("write-back").toString();
  private WriteBackStore<YearTally> store;

  @BeforeEach
  void open() {
    store = opened();
  }

  private WriteBackStore<YearTally> opened() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-back-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0), new File(stateDir));
    WriteBackStore<YearTally> opened = WriteBackStore.builder("tallies", new YearTallySerde(), 10).withLoggingDisabled().build();
    opened.init(context.getStateStoreContext(), opened);
    return opened;
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldShowAFlushToCommittedReadersOnlyAfterTheCommit() {
    YearTally tally = Tallies.empty();
    tally.setAccepted(3);
    store.changed(KEY, tally);

    store.flushCache();
    assertNull(store.readOnly(IsolationLevel.READ_COMMITTED).get(KEY), "staged, not committed");
    assertEquals(3, store.readOnly(IsolationLevel.READ_UNCOMMITTED).get(KEY).getAccepted());
    assertEquals(3, store.current(KEY).getAccepted(), "the stream thread sees its own change");

    long before = QueriedVersion.current();
    store.commit(Map.of(new TopicPartition("gongkai-tallies-changelog", 0), 41L));
    assertEquals(3, store.readOnly(IsolationLevel.READ_COMMITTED).get(KEY).getAccepted());
    assertTrue(QueriedVersion.current() > before, "kept answers built before the commit are stale now");
  }

  @Test
  void shouldKeepTheQueriedVersionThroughACommitThatMadeNothingVisible() {
    YearTally tally = Tallies.empty();
    tally.setAccepted(5);
    store.changed(KEY, tally);
    store.flushCache();
    store.commit(Map.of(new TopicPartition("gongkai-tallies-changelog", 0), 7L));

    long before = QueriedVersion.current();
    store.flushCache();
    store.commit(Map.of(new TopicPartition("gongkai-tallies-changelog", 0), 7L));
    assertEquals(before, QueriedVersion.current(), "nothing written: the kept answers still hold");
  }

  @Test
  void shouldKeepOnlyWhatWasCommittedWhenTheStoreIsClosedWithAFlushStaged() {
    YearTally tally = Tallies.empty();
    tally.setAccepted(1);
    store.changed(KEY, tally);
    store.flushCache();
    store.commit(Map.of(new TopicPartition("gongkai-tallies-changelog", 0), 1L));

    YearTally later = store.current(KEY);
    later.setAccepted(2);
    store.changed(KEY, later);
    store.flushCache();
    // The transaction is lost (a broker died mid-commit): the task is closed without committing
    // and opened again on the same folder, as after a crash; the staged 2 is gone, nothing wiped.
    store.close();
    store = opened();
    assertEquals(1, store.current(KEY).getAccepted(), "only what the commit made");
    assertEquals(1, store.readOnly(IsolationLevel.READ_COMMITTED).get(KEY).getAccepted());
  }
}
