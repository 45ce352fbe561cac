package org.gongkai.streams.rollup;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyCells;
import org.gongkai.streams.tally.TallyKey;

/**
 * Adds town tally changes into the tallies of the county, city and province above, so a
 * region's report is a fold of its own tallies like a town's, never a scan over its towns.
 * One record per town change reaches all three: they are keyed by the town's province.
 */
public final class RegionRollup implements Processor<String, TownDelta, Void, Void> {
  private KeyValueStore<String, YearTally> regions;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    regions = context.getStateStore(StoreNames.REGION_TALLIES);
  }

  @Override
  public void process(Record<String, TownDelta> record) {
    TownDelta delta = record.value();
    for (String region : RegionCodes.above(delta.town())) {
      String key = TallyKey.of(region, delta.year());
      YearTally tally = regions.get(key);
      if (tally == null) {
        tally = Tallies.empty();
      }
      TallyCells.add(tally, delta.cells());
      regions.put(key, tally);
    }
  }
}
