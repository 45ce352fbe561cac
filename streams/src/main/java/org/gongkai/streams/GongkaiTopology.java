package org.gongkai.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
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
import org.gongkai.state.YearTally;
import org.gongkai.streams.ledger.AppealLedger;
import org.gongkai.streams.ledger.ClosureLedger;
import org.gongkai.streams.ledger.DisclosureLedger;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.Ledger;
import org.gongkai.streams.rollup.RegionRollup;
import org.gongkai.streams.ledger.ProcurementLedger;
import org.gongkai.streams.ledger.RequestLedger;

/**
 * The one place the topology is built. It reads like the report: each input topic feeds the
 * ledger of its table, the ledgers keep per town and year tallies in one store, and whatever a
 * ledger rejects goes to the dead-letter topic.
 */
public final class GongkaiTopology {

  private final Topology topology = new Topology();
  private final List<String> ledgers = new ArrayList<>();
  private final Map<String, List<String>> users = new LinkedHashMap<>();

  /** Every state store and the Avro schema of its values; keys are strings. */
  private static final Map<String, Schema> STORE_SCHEMAS = Map.of(
      StoreNames.TALLIES, YearTally.getClassSchema(),
      StoreNames.REQUESTS, RequestState.getClassSchema(),
      StoreNames.CASES, CaseState.getClassSchema(),
      StoreNames.DOCUMENTS, DocumentState.getClassSchema(),
      StoreNames.ITEMS, ItemState.getClassSchema(),
      StoreNames.FACTS, FactState.getClassSchema());

  private GongkaiTopology() {}

  public static Topology build(EventChecks checks) {
    GongkaiTopology t = new GongkaiTopology();
    // Table 二: proactive disclosure
    t.ledger(Topics.DISCLOSURE, () -> new DisclosureLedger(checks),
        StoreNames.DOCUMENTS, StoreNames.ITEMS, StoreNames.FACTS);
    t.ledger(Topics.PROCUREMENT, () -> new ProcurementLedger(checks), StoreNames.FACTS);
    // Table 三: requests
    t.ledger(Topics.REQUESTS, () -> new RequestLedger(checks), StoreNames.REQUESTS);
    // Table 四: reconsideration and litigation
    t.ledger(Topics.APPEALS, () -> new AppealLedger(checks), StoreNames.CASES);
    // The town certifies a year
    t.ledger(Topics.CLOSURES, () -> new ClosureLedger(checks));
    // Counties, cities and provinces: the same tallies, summed
    t.rollup();
    return t.finish();
  }

  private void ledger(Topics.Input<?> input, ProcessorSupplier<String, byte[], String, byte[]> ledger,
      String... ownStores) {
    String source = input.name() + "-source";
    String name = input.name() + "-ledger";
    topology.addSource(source, new StringDeserializer(), new ByteArrayDeserializer(), input.name());
    topology.addProcessor(name, ledger, source);
    for (String store : ownStores) {
      users.computeIfAbsent(store, s -> new ArrayList<>()).add(name);
    }
    users.computeIfAbsent(StoreNames.TALLIES, s -> new ArrayList<>()).add(name);
    users.computeIfAbsent(StoreNames.CLOSURES, s -> new ArrayList<>()).add(name);
    ledgers.add(name);
  }

  private void rollup() {
    topology.addSource("region-deltas-source", new StringDeserializer(), new ByteArrayDeserializer(),
        Topics.REGION_DELTAS);
    topology.addProcessor("region-rollup", RegionRollup::new, "region-deltas-source");
    topology.addStateStore(store(StoreNames.REGION_TALLIES, YearTally.getClassSchema()), "region-rollup");
  }

  private Topology finish() {
    STORE_SCHEMAS.forEach((store, schema) -> topology.addStateStore(
        store(store, schema), users.get(store).toArray(String[]::new)));
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CLOSURES),
        Serdes.String(), Serdes.Integer()).withCachingEnabled(), users.get(StoreNames.CLOSURES).toArray(String[]::new));
    String[] all = ledgers.toArray(String[]::new);
    topology.addSink(Ledger.DEAD_LETTER_SINK, Topics.DEAD_LETTERS, new StringSerializer(), new ByteArraySerializer(), all);
    topology.addSink(Ledger.REGION_DELTA_SINK, Topics.REGION_DELTAS, new StringSerializer(), new ByteArraySerializer(), all);
    return topology;
  }

  private static <V extends SpecificRecord> StoreBuilder<KeyValueStore<String, V>> store(String name, Schema schema) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new AvroSerde<V>(schema))
        .withCachingEnabled();
  }
}
