package org.gongkai.api;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.gongkai.state.ImportedState;
import org.gongkai.state.ImportedSum;
import org.gongkai.state.YearTally;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.tally.TallyKey;
import org.gongkai.streams.StoreNames;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.tally.TallyCells;
import org.gongkai.streams.rollup.RegionPartials;
import org.gongkai.streams.store.WriteBackStore;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.TallyHistory;

/** Interactive queries: reports built from the running streams' tally stores, and the other stores read by key. */
public final class ReportQueries {
  /**
   * A region's partial sums from some partitions: which partitions, the tallies by year, and
   * the imported reports of the report year summed.
   */
  public record Partials(Set<Integer> partitions, NavigableMap<Integer, YearTally> years, ImportedSum imported) {}

  /** A region's figures over every partition: its tallies by year, and its towns' imported reports of the year. */
  public record RegionFigures(NavigableMap<Integer, YearTally> years, ImportedSum imported) {}

  /** The partial sums the other instances hold (their active partitions), asked of each. */
  @FunctionalInterface
  public interface RemotePartials {
    List<Partials> of(String region, int year);
  }

  private final KafkaStreams streams;
  private final StorePartitions partitions;
  private final int inputPartitions;
  private final RemotePartials remote;

  /** Queries of an instance alone in its application. */
  public ReportQueries(KafkaStreams streams, int inputPartitions) {
    this(streams, inputPartitions, (region, year) -> List.of());
  }

  /**
   * @param inputPartitions the partitions of the events topic: a region's figures are complete
   *     once the partials of every one of them are in
   * @param remote asks the other instances for their partials
   */
  public ReportQueries(KafkaStreams streams, int inputPartitions, RemotePartials remote) {
    this.streams = streams;
    this.partitions = new StorePartitions(streams);
    this.inputPartitions = inputPartitions;
    this.remote = remote;
  }

  /**
   * The town's figures for the year: its imported report where that counts, else its report
   * computed from its tallies; empty when it has neither. R5 across an imported year before is
   * not checked here (the town report route does): the figures are the same.
   */
  public Optional<Report> town(Place town, int year) {
    return ImportedReports.town(town, year, townTallies(town.code(), year), imported(town.code(), year), null);
  }

  /** The town's tallies by year, for the years up to the report year; empty when it has none. */
  public NavigableMap<Integer, YearTally> townTallies(String town, int year) {
    return TallyHistory.upTo(storeOf(StoreNames.TALLIES, town), town, year);
  }

  /**
   * The region's tallies by year, for the years up to the report year, summed over every
   * partition: the partials of this instance's active partitions and of the others'. Empty when
   * none of its towns has figures; 503 while some partition's partials are not available (it is
   * moving or restoring): a region's figures are never served from part of its towns.
   */
  public RegionFigures regionFigures(String region, int year) {
    Partials local = localPartials(region, year);
    NavigableMap<Integer, YearTally> sum = new TreeMap<>();
    ImportedSum imported = ImportedReports.emptySum();
    Set<Integer> covered = new TreeSet<>();
    for (Partials partials : concat(local, remote.of(region, year))) {
      for (int partition : partials.partitions()) {
        if (!covered.add(partition)) {
          throw ApiError.unavailable("partition " + partition + " is active on two instances (rebalancing); try again in a moment", 2);
        }
      }
      partials.years().forEach((y, tally) -> TallyCells.addInto(sum, y, tally));
      imported = ImportedReports.plus(imported, partials.imported());
    }
    if (covered.size() != inputPartitions) {
      throw ApiError.unavailable("the figures of " + (inputPartitions - covered.size()) + " of " + inputPartitions
          + " partitions are not available (restoring or rebalancing); try again in a moment", 2);
    }
    return new RegionFigures(sum, imported);
  }

  /** The town's imported report of the year, or null (read where the town's tallies are). */
  public ImportedState imported(String town, int year) {
    ReadOnlyKeyValueStore<String, ImportedState> store = storeOf(StoreNames.IMPORTED, town);
    return store.get(TallyKey.of(town, year));
  }

  /** The region's partial sums of this instance's active partitions. */
  public Partials localPartials(String region, int year) {
    requireRunning();
    Set<Integer> active = localActivePartitions();
    NavigableMap<Integer, YearTally> sum = new TreeMap<>();
    ImportedSum imported = ImportedReports.emptySum();
    for (int partition : active) {
      partialsOf(partition, region, year)
          .forEach((y, tally) -> TallyCells.addInto(sum, y, tally));
      ImportedSum part = store(ReportQueries.<ImportedSum>parameters(StoreNames.IMPORTED_SUMS).withPartition(partition))
          .get(TallyKey.of(region, year));
      if (part != null) {
        imported = ImportedReports.plus(imported, part);
      }
    }
    return new Partials(active, sum, imported);
  }

  /**
   * The region's partials of one partition: from the partials, or, while the task rebuilds them
   * (it is restoring, which lasts while brokers are down), added up from its town tallies, which
   * answer meanwhile with the same committed figures.
   */
  private NavigableMap<Integer, YearTally> partialsOf(int partition, String region, int year) {
    ReadOnlyKeyValueStore<String, YearTally> partials =
        store(ReportQueries.<YearTally>parameters(StoreNames.REGION_TALLIES).withPartition(partition));
    try {
      return TallyHistory.upTo(partials, region, year);
    } catch (RegionPartials.NotRebuilt e) {
      return RegionPartials.sumOfTowns(
          store(ReportQueries.<YearTally>parameters(StoreNames.TALLIES).withPartition(partition)), region, year);
    }
  }

  private static List<Partials> concat(Partials first, List<Partials> rest) {
    List<Partials> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /**
   * Whether this instance can answer every report now: the streams run, every partition of the
   * events topic has an active owner in the application (an instance without tasks of its own,
   * just joined, answers by asking the owners), and this instance's own active stores open.
   */
  public boolean storesQueryable() {
    return unavailable().isEmpty();
  }

  /**
   * What keeps this instance from answering every report, one line per part (empty when it can):
   * the streams' state, the input partitions no instance owns, the local stores that do not open.
   */
  public List<String> unavailable() {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return List.of("streams: " + streams.state() + " (starting, rebalancing or stopped), no store is queried");
    }
    Set<Integer> unowned = new TreeSet<>();
    for (int p = 0; p < inputPartitions; p++) {
      unowned.add(p);
    }
    streams.metadataForAllStreamsClients().forEach(client -> client.topicPartitions().stream()
        .filter(tp -> tp.topic().equals(Topics.EVENTS.name())).forEach(tp -> unowned.remove(tp.partition())));
    List<String> down = new ArrayList<>();
    if (!unowned.isEmpty()) {
      down.add("stores: partitions " + unowned + " of " + Topics.EVENTS.name()
          + " have no active instance (one left or failed; the others take them over)");
    }
    Set<Integer> closed = new TreeSet<>();
    for (int partition : localActivePartitions()) {
      try {
        store(ReportQueries.<YearTally>parameters(StoreNames.TALLIES).withPartition(partition));
        store(ReportQueries.<YearTally>parameters(StoreNames.REGION_TALLIES).withPartition(partition));
      } catch (ApiError e) {
        closed.add(partition);
      }
    }
    if (!closed.isEmpty()) {
      down.add("stores: the local stores of partitions " + closed + " are not queryable (restoring or moving)");
    }
    return down;
  }

  private Set<Integer> localActivePartitions() {
    Set<Integer> active = new TreeSet<>();
    streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
        task.topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.EVENTS.name()))
            .forEach(tp -> active.add(tp.partition()))));
    return active;
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

  /**
   * Tally stores are read as the last commit left them ({@link WriteBackStore}, {@link RegionPartials});
   * the others as key-value stores.
   */
  @SuppressWarnings("unchecked")
  private static <V> StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters(String name) {
    QueryableStoreType<ReadOnlyKeyValueStore<String, V>> type = switch (name) {
      case StoreNames.TALLIES -> WriteBackStore.<V>type();
      case StoreNames.REGION_TALLIES -> (QueryableStoreType<ReadOnlyKeyValueStore<String, V>>) (QueryableStoreType<?>) RegionPartials.type();
      default -> QueryableStoreTypes.<String, V>keyValueStore();
    };
    return StoreQueryParameters.fromNameAndType(name, type);
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
