package org.gongkai.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.gongkai.schemas.AvroSerde;
import org.gongkai.schemas.Topics;
import org.gongkai.state.CaseState;
import org.gongkai.state.DocumentState;
import org.gongkai.state.FactState;
import org.gongkai.state.ItemState;
import org.gongkai.state.RequestState;
import org.gongkai.streams.ledger.AppealLedger;
import org.gongkai.streams.ledger.ClosureLedger;
import org.gongkai.streams.ledger.DeadLetter;
import org.gongkai.streams.ledger.DisclosureLedger;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.ProcurementLedger;
import org.gongkai.streams.ledger.RequestLedger;
import org.gongkai.streams.rollup.RegionRollup;
import org.gongkai.streams.rollup.TownDelta;
import org.gongkai.streams.rollup.TownDeltaSerde;
import org.gongkai.streams.tally.YearTallySerde;

/**
 * The one place the topology is built. It reads like the report: each input topic feeds the
 * ledger of its table, the ledgers keep per town and year tallies, whatever a ledger rejects
 * goes to the dead-letter topic, and every change to a town's tally is re-keyed to the town's
 * province and summed into the tallies of its county, city and province.
 */
public final class GongkaiTopology {
  /** Name of the repartition topic of region deltas: {@code <application.id>-region-deltas-repartition}. */
  public static final String REGION_DELTAS = "region-deltas";

  /** Every Avro-valued state store of the ledgers; keys are strings. */
  private static final Map<String, Schema> LEDGER_STORES = Map.of(
      StoreNames.REQUESTS, RequestState.getClassSchema(),
      StoreNames.CASES, CaseState.getClassSchema(),
      StoreNames.DOCUMENTS, DocumentState.getClassSchema(),
      StoreNames.ITEMS, ItemState.getClassSchema(),
      StoreNames.FACTS, FactState.getClassSchema());

  private final StreamsBuilder builder = new StreamsBuilder();
  private final List<KStream<String, Object>> outputs = new ArrayList<>();

  private GongkaiTopology() {
    LEDGER_STORES.forEach((name, schema) -> builder.addStateStore(store(name, new AvroSerde<>(schema))));
    builder.addStateStore(store(StoreNames.CLOSURES, Serdes.Integer()));
    // The tallies are read and written several times per event: packed, not Avro.
    builder.addStateStore(store(StoreNames.TALLIES, new YearTallySerde()));
    builder.addStateStore(store(StoreNames.REGION_TALLIES, new YearTallySerde()));
  }

  public static Topology build(EventChecks checks) {
    return build(checks, new Progress());
  }

  /** @param progress told of every event applied, for the API's freshness figures */
  public static Topology build(EventChecks checks, Progress progress) {
    GongkaiTopology t = new GongkaiTopology();
    // Table 二: proactive disclosure
    t.ledger(Topics.DISCLOSURE, () -> new DisclosureLedger(checks, progress),
        StoreNames.DOCUMENTS, StoreNames.ITEMS, StoreNames.FACTS);
    t.ledger(Topics.PROCUREMENT, () -> new ProcurementLedger(checks, progress), StoreNames.FACTS);
    // Table 三: requests
    t.ledger(Topics.REQUESTS, () -> new RequestLedger(checks, progress), StoreNames.REQUESTS);
    // Table 四: reconsideration and litigation
    t.ledger(Topics.APPEALS, () -> new AppealLedger(checks, progress), StoreNames.CASES);
    // The town certifies a year
    t.ledger(Topics.CLOSURES, () -> new ClosureLedger(checks, progress));
    KStream<String, Object> out = t.outputs.stream().reduce(KStream::merge).orElseThrow();
    // Rejected events, with their reasons
    t.deadLetters(out);
    // Counties, cities and provinces: the same tallies, summed
    t.rollup(out);
    return t.builder.build();
  }

  private void ledger(Topics.Input<?> input, ProcessorSupplier<String, byte[], String, Object> ledger,
      String... ownStores) {
    String[] stores = new String[ownStores.length + 2];
    System.arraycopy(ownStores, 0, stores, 0, ownStores.length);
    stores[ownStores.length] = StoreNames.TALLIES;
    stores[ownStores.length + 1] = StoreNames.CLOSURES;
    outputs.add(builder.stream(input.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .process(ledger, stores));
  }

  private void deadLetters(KStream<String, Object> out) {
    out.filter((key, value) -> value instanceof DeadLetter)
        .mapValues(value -> ((DeadLetter) value).value())
        .to(Topics.DEAD_LETTERS, Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  private void rollup(KStream<String, Object> out) {
    out.filter((province, value) -> value instanceof TownDelta)
        .mapValues(value -> (TownDelta) value)
        .repartition(Repartitioned.with(Serdes.String(), new TownDeltaSerde()).withName(REGION_DELTAS))
        .process(RegionRollup::new, StoreNames.REGION_TALLIES);
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
