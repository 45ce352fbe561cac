package org.gongkai.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.EventLedger;

/**
 * The one place the topology is built. It reads like the report: every event of a town comes
 * in order on one topic; the ledger applies it to the town's tallies (tables 二, 三, 四 and the
 * closing of the year) and adds each change to the partial sums of the town's county, city and
 * province kept in the same task; whatever the ledger rejects goes to the dead-letter topic.
 * One record in, at most one out: nothing else travels between tasks.
 */
public final class GongkaiTopology {
  private GongkaiTopology() {}

  public static Topology build(EventChecks checks) {
    return build(checks, new Progress());
  }

  /** @param progress told of every event applied, for the API's freshness figures and metrics */
  public static Topology build(EventChecks checks, Progress progress) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("events"))
        // Every event of a town, in the town's order: checked, counted, summed for its regions
        .process(EventLedger.supplier(checks, progress), Named.as("ledger"))
        // Rejected events, with their reasons
        .to(Topics.DEAD_LETTERS.name(), Produced.with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde())
            .withName("dead-letters"));
    return builder.build();
  }
}
