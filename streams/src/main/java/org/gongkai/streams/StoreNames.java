package org.gongkai.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Names of the state stores (the changelog topics derive from them), and how each is built. */
public final class StoreNames {
  /** Per town and year: {@link org.gongkai.state.YearTally}, key {@code town|year}. */
  public static final String TALLIES = "town-year-tallies";
  /**
   * Per region (county, city, province) and year: the sum of its towns of this partition, key
   * {@code region|year}; a region's figures are the sum over every partition. Held in memory and
   * rebuilt from the town tallies, never stored or logged
   * ({@link org.gongkai.streams.rollup.RegionPartials}).
   */
  public static final String REGION_TALLIES = "region-year-tallies";
  /**
   * What the ledger remembers of each entity, key {@code kind|town|id}: requests, appeal cases,
   * documents, catalogue items, one-off facts (procurement awards, decisions, fees: to tell a
   * duplicate from a conflict), and per town its own state: the last year it closed and its first
   * year with figures ({@code town|code}).
   */
  public static final String ENTITIES = "entities";
  /**
   * Per town and year: its imported report ({@link org.gongkai.state.ImportedState}), key
   * {@code town|year}, and whether it counts as the town's figures.
   */
  public static final String IMPORTED = "imported-reports";
  /**
   * Per region and year: the imported reports of its towns of this partition that count, summed
   * ({@link org.gongkai.state.ImportedSum}), key {@code region|year}.
   */
  public static final String IMPORTED_SUMS = "region-imported-sums";
  /** Per town and publish: what became of its events ({@link org.gongkai.state.Receipt}), key {@code town|batch}. */
  public static final String RECEIPTS = "receipts";
  /** Per town: its rejected events ({@link org.gongkai.state.Rejection}), key {@code town|offset}. */
  public static final String REJECTIONS = "rejections";

  /**
   * Unchanged tallies a tally store keeps in memory, per task, besides those changed since the
   * last commit: about a partition's towns for the current and the last year, at ~2 KB each.
   */
  public static final int TALLIES_KEPT = 10_000;

  /**
   * Unchanged entities the entity store keeps in memory per task: an entity is rarely touched
   * more than twice, so few.
   */
  public static final int ENTITIES_KEPT = 2_000;

  /**
   * The changelogs' topic settings: small segments, cleaned early, so that compaction keeps a
   * changelog near one record per key (a tally is written at every commit it changed in) and a
   * lost state folder is rebuilt from few records.
   */
  public static final java.util.Map<String, String> CHANGELOG = java.util.Map.of(
      "segment.bytes", Integer.toString(32 << 20), "min.cleanable.dirty.ratio", "0.2");

  private StoreNames() {}

  /** The changelog topic of a store of an application: what Kafka Streams names it. */
  public static String changelog(String applicationId, String store) {
    return applicationId + "-" + store + "-changelog";
  }

  /** A persistent, cached, changelogged store with string keys. */
  public static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
