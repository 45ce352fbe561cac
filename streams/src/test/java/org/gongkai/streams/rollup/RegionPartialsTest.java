package org.gongkai.streams.rollup;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.gongkai.streams.TopologyFixture.OTHER_TOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.TestDirs;
import org.gongkai.streams.TopologyFixture;
import org.gongkai.streams.report.TallyHistory;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyCells;
import org.junit.jupiter.api.Test;

/**
 * The regions' partials are never stored: rebuilt from the town tallies when a task starts, they
 * must be exactly the partials the ledger kept event by event; queries see the last commit's.
 */
class RegionPartialsTest {
  private static final String YIFENG_TOWN = "360924100";

  @Test
  void shouldRebuildFromTheTownTalliesExactlyThePartialsKeptEventByEvent() {
    try (TopologyFixture fixture = new TopologyFixture(Set.of(NANGANG, OTHER_TOWN, YIFENG_TOWN))) {
      fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
      // dated before the town's first year: the town starts in 2019 now, not 2021
      fixture.received(NANGANG, "R0", "2019-12-01", Applicant.other_org);
      fixture.concluded(NANGANG, "R0", "2020-01-15", Outcome.granted);
      fixture.awarded(NANGANG, "P1", "2020-03-01", "1000.00");
      fixture.awarded(NANGANG, "P1", "2020-03-01", "1000.00"); // a duplicate
      fixture.received(OTHER_TOWN, "R1", "2020-05-05", Applicant.commercial_enterprise);
      fixture.filed(OTHER_TOWN, "C1", "2019-10-10", AppealKind.reconsideration);
      fixture.decided(OTHER_TOWN, "C1", "2020-10-10", AppealResult.corrected);
      fixture.closed(OTHER_TOWN, 2020);
      fixture.received(OTHER_TOWN, "R2", "2020-12-30", Applicant.natural_person); // late: counts in 2021
      fixture.received(YIFENG_TOWN, "R9", "2020-07-07", Applicant.natural_person);
      fixture.concluded(YIFENG_TOWN, "R404", "2020-07-08", Outcome.granted); // rejected: no such request

      Map<String, List<Long>> kept = cells(fixture.tallies(StoreNames.REGION_TALLIES));
      RegionPartials rebuilt = opened();
      try (KeyValueIterator<String, YearTally> towns = fixture.tallies(StoreNames.TALLIES).all()) {
        rebuilt.rebuild(towns);
      }

      assertEquals(kept, cells(rebuilt));
      // What a query adds up from the town tallies while a task's partials are being rebuilt
      for (String region : List.of("360923", "360924", "3609", "36")) {
        for (int year = 2019; year <= 2021; year++) {
          assertEquals(years(TallyHistory.upTo(fixture.tallies(StoreNames.REGION_TALLIES), region, year)),
              years(RegionPartials.sumOfTowns(fixture.tallies(StoreNames.TALLIES), region, year)), region + " " + year);
        }
      }
      assertEquals(List.of("360923|2019", "360923|2020", "360923|2021", "360924|2020", "3609|2019", "3609|2020",
          "3609|2021", "36|2019", "36|2020", "36|2021"), List.copyOf(kept.keySet()));
    }
  }

  @Test
  void shouldShowAChangeToQueriesOnlyAfterTheCommit() {
    RegionPartials partials = opened();
    partials.rebuild(List.<KeyValue<String, YearTally>>of().iterator());
    YearTally county = Tallies.empty();
    county.setAccepted(2);
    partials.changed("360923|2024", county);

    assertNull(partials.get("360923|2024"), "not committed yet");
    assertEquals(2, partials.current("360923|2024").getAccepted(), "the stream thread sees its own change");
    partials.commit(Map.of());
    assertEquals(2, partials.get("360923|2024").getAccepted());

    county.setAccepted(3); // the next commit's changes do not reach what queries see before it
    assertEquals(2, partials.get("360923|2024").getAccepted());
  }

  @Test
  void shouldPublishACommitNobodyWatchesOnlyWhenAQueryComes() {
    RegionPartials partials = opened();
    partials.rebuild(List.<KeyValue<String, YearTally>>of().iterator());
    change(partials, "360923|2024", 2);
    partials.commit(Map.of());
    assertEquals(0, partials.approximateNumEntries(), "no query came: the commit encoded nothing for queries");

    assertEquals(2, partials.get("360923|2024").getAccepted(), "the query publishes the commit it finds");
    change(partials, "360923|2024", 3);
    partials.commit(Map.of());
    change(partials, "36|2024", 5);
    partials.commit(Map.of());
    assertEquals(2, partials.approximateNumEntries(), "after a query every commit publishes (a dashboard watching)");
  }

  @Test
  void shouldMakeAQueryWaitForTheNextCommitWhileTheStreamThreadIsChanging() throws Exception {
    RegionPartials partials = opened();
    partials.rebuild(List.<KeyValue<String, YearTally>>of().iterator());
    YearTally county = change(partials, "360923|2024", 2);
    partials.commit(Map.of()); // unwatched: not published
    partials.current("360923|2024").setAccepted(3); // the next commit's change, being made

    CompletableFuture<Long> query = CompletableFuture.supplyAsync(() -> partials.get("360923|2024").getAccepted());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!partials.waitingForCommit() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertTrue(partials.waitingForCommit(), "the query neither read the figures being changed nor went without them");
    assertFalse(query.isDone());
    partials.commit(Map.of());
    assertEquals(3, query.get(30, TimeUnit.SECONDS), "the commit published what it committed to the waiting query");
    assertEquals(3, county.getAccepted());
  }

  @Test
  void shouldAnswerFromTheOlderCommitWhenTheNextDoesNotComeInTime() {
    RegionPartials partials = opened();
    partials.rebuild(List.of(KeyValue.pair(NANGANG + "|2024", accepted(4))).iterator());
    change(partials, "36|2024", 5);
    partials.commit(Map.of()); // unwatched: not published
    change(partials, "36|2024", 6);
    // No next commit (brokers down): the query cannot have 5 (the partial is 6 now, uncommitted),
    // must not see 6, and must not wait forever: the rebuild's commit.
    assertEquals(4, partials.get("36|2024").getAccepted());
  }

  /** The stream thread's way of changing a partial: read it, change it, mark it changed. */
  private static YearTally change(RegionPartials partials, String key, long accepted) {
    YearTally partial = partials.current(key);
    if (partial == null) {
      partial = Tallies.empty();
    }
    partial.setAccepted(accepted);
    partials.changed(key, partial);
    return partial;
  }

  @Test
  void shouldRefuseQueriesUntilThePartialsAreRebuilt() {
    RegionPartials partials = opened();
    assertThrows(InvalidStateStoreException.class, () -> partials.get("36|2024"),
        "a task whose partials are not rebuilt would answer from none of its towns");
    partials.rebuild(List.of(KeyValue.pair(NANGANG + "|2024", accepted(4))).iterator());
    assertEquals(4, partials.get("36|2024").getAccepted());

    partials.close();
    assertThrows(InvalidStateStoreException.class, () -> partials.get("36|2024"));
  }

  private static YearTally accepted(long count) {
    YearTally tally = Tallies.empty();
    tally.setAccepted(count);
    return tally;
  }

  private static RegionPartials opened() {
    String stateDir = TestDirs.fresh("partials").toString();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "partials-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0), new File(stateDir));
    RegionPartials partials = RegionPartials.builder(StoreNames.REGION_TALLIES).build();
    partials.init(context.getStateStoreContext(), partials);
    return partials;
  }

  private static Map<Integer, List<Long>> years(Map<Integer, YearTally> tallies) {
    Map<Integer, List<Long>> cells = new java.util.TreeMap<>();
    tallies.forEach((year, tally) -> cells.put(year, cells(tally)));
    return cells;
  }

  private static List<Long> cells(YearTally tally) {
    List<Long> values = new ArrayList<>();
    for (int cell = 0; cell < TallyCells.COUNT; cell++) {
      values.add(TallyCells.get(tally, cell));
    }
    return values;
  }

  /** Every partial's cells, by key in key order (tallies compared as numbers, not objects). */
  private static Map<String, List<Long>> cells(ReadOnlyKeyValueStore<String, YearTally> store) {
    Map<String, List<Long>> cells = new java.util.TreeMap<>();
    try (KeyValueIterator<String, YearTally> all = store.all()) {
      all.forEachRemaining(entry -> cells.put(entry.key, cells(entry.value)));
    }
    return cells;
  }
}
