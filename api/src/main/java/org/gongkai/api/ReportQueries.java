package org.gongkai.api;

import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.rollup.RegionCodes;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.report.TallyHistory;

/** Interactive queries: reports built from the running streams' tally stores, and the other stores read by key. */
public final class ReportQueries {
  private final KafkaStreams streams;
  private final StorePartitions partitions;

  public ReportQueries(KafkaStreams streams) {
    this.streams = streams;
    this.partitions = new StorePartitions(streams);
  }

  /** The town's report for the year, or empty when the town has no events up to that year. */
  public Optional<Report> town(Place town, int year) {
    NavigableMap<Integer, YearTally> years = townTallies(town.code(), year);
    return years.isEmpty() ? Optional.empty() : Optional.of(ReportBuilder.town(town, year, years));
  }

  /** The town's tallies by year, for the years up to the report year; empty when it has none. */
  public NavigableMap<Integer, YearTally> townTallies(String town, int year) {
    return TallyHistory.upTo(storeOf(StoreNames.TALLIES, town), town, year);
  }

  /**
   * The region's summed tallies by year, for the years up to the report year; empty when it has
   * none. They are in the store partition of the region's province (see RegionRollup).
   */
  public NavigableMap<Integer, YearTally> regionTallies(String region, int year) {
    return TallyHistory.upTo(storeOf(StoreNames.REGION_TALLIES, RegionCodes.province(region)), region, year);
  }

  /** Whether both report stores answer queries now. */
  public boolean storesQueryable() {
    try {
      store(StoreNames.TALLIES);
      store(StoreNames.REGION_TALLIES);
      return true;
    } catch (ApiError e) {
      return false;
    }
  }

  /**
   * The store's partition that holds the key: a range read then opens one store's iterators, not
   * one per local partition. A partition this instance does not hold (it just moved) answers 503,
   * not an empty range. Before the partition is known, every local partition, as before.
   */
  /** The store partition that holds the key, on this instance (503 when it is not queryable here now). */
  public <V> ReadOnlyKeyValueStore<String, V> storeOf(String name, String key) {
    requireRunning();
    OptionalInt partition = partitions.of(name, key);
    return partition.isPresent() ? store(ReportQueries.<V>parameters(name).withPartition(partition.getAsInt())) : store(name);
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return store(ReportQueries.<V>parameters(name));
  }

  private static <V> StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters(String name) {
    return StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore());
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters) {
    requireRunning();
    try {
      return streams.store(parameters);
    } catch (InvalidStateStoreException e) {
      throw ApiError.unavailable("the report stores are being restored or rebalanced; try again in a moment", 2);
    }
  }

  private void requireRunning() {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw ApiError.unavailable("the report stores are not ready (streams are " + streams.state()
          + "); try again in a moment", 2);
    }
  }
}
