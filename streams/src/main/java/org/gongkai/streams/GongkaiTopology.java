package org.gongkai.streams;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.EventLedger;
import org.gongkai.streams.ledger.LedgerOutput;
import org.gongkai.streams.rollup.RegionRollup;
import org.gongkai.streams.rollup.TownDelta;
import org.gongkai.streams.rollup.TownDeltaSerde;
import org.gongkai.streams.tally.YearTallySerde;

/**
 * The one place the topology is built. It reads like the report: every event of a town comes
 * in order on one topic, the ledger applies it to the town's tallies (tables 二, 三, 四 and the
 * closing of the year), whatever the ledger rejects goes to the dead-letter topic, and every
 * change to a town's tally is re-keyed to the town's province and summed into the tallies of
 * its county, city and province.
 */
public final class GongkaiTopology {
  /** Name of the repartition topic of region deltas: {@code <application.id>-region-deltas-repartition}. */
  public static final String REGION_DELTAS = "region-deltas";

  private GongkaiTopology() {}

  public static Topology build(EventChecks checks) {
    return build(checks, new Progress());
  }

  /** @param progress told of every event applied, for the API's freshness figures and metrics */
  public static Topology build(EventChecks checks, Progress progress) {
    StreamsBuilder builder = new StreamsBuilder();
    // Every event of a town, in the town's order; the ledger checks it and counts it
    KStream<String, LedgerOutput> out = builder
        .stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("events"))
        .process(EventLedger.supplier(checks, progress), Named.as("ledger"));
    out.split(Named.as("ledger-"))
        // Rejected events, with their reasons
        .branch((key, value) -> value instanceof LedgerOutput.DeadLetter,
            Branched.withConsumer(GongkaiTopology::deadLetters, "dead-letters"))
        // Counties, cities and provinces: the same tallies, summed
        .branch((key, value) -> value instanceof LedgerOutput.RegionChange,
            Branched.withConsumer(GongkaiTopology::rollup, "regions"));
    return builder.build();
  }

  private static void deadLetters(KStream<String, LedgerOutput> rejected) {
    rejected.mapValues(value -> ((LedgerOutput.DeadLetter) value).value())
        .to(Topics.DEAD_LETTERS.name(), Produced.with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde()));
  }

  private static void rollup(KStream<String, LedgerOutput> changes) {
    changes.mapValues(value -> ((LedgerOutput.RegionChange) value).delta())
        .repartition(Repartitioned.with(Serdes.String(), new TownDeltaSerde()).withName(REGION_DELTAS))
        .process(new ProcessorSupplier<String, TownDelta, Void, Void>() {
          @Override
          public Processor<String, TownDelta, Void, Void> get() {
            return new RegionRollup();
          }

          @Override
          public Set<StoreBuilder<?>> stores() {
            return Set.of(StoreNames.keyValue(StoreNames.REGION_TALLIES, new YearTallySerde()));
          }
        });
  }
}
