package org.gongkai.api;

import java.util.NavigableMap;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.report.TallyHistory;

/** Interactive queries: reports built from the running streams' tally stores. */
public final class ReportQueries {
  private final KafkaStreams streams;

  public ReportQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  /** The town's report for the year, or empty when the town has no events up to that year. */
  public Optional<Report> town(Place town, int year) {
    NavigableMap<Integer, YearTally> years = townTallies(town.code(), year);
    return years.isEmpty() ? Optional.empty() : Optional.of(ReportBuilder.town(town, year, years));
  }

  /** The town's tallies by year, for the years up to the report year; empty when it has none. */
  public NavigableMap<Integer, YearTally> townTallies(String town, int year) {
    return TallyHistory.upTo(store(StoreNames.TALLIES), town, year);
  }

  /** The region's summed tallies by year, for the years up to the report year; empty when it has none. */
  public NavigableMap<Integer, YearTally> regionTallies(String region, int year) {
    return TallyHistory.upTo(store(StoreNames.REGION_TALLIES), region, year);
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

  private ReadOnlyKeyValueStore<String, YearTally> store(String name) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw ApiError.unavailable("the report stores are not ready (streams are " + streams.state()
          + "); try again in a moment", 2);
    }
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, YearTally>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw ApiError.unavailable("the report stores are being restored or rebalanced; try again in a moment", 2);
    }
  }
}
