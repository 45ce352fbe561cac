package org.gongkai.streams.rollup;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.state.TallyDelta;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyKey;

/**
 * Adds town tally changes into the tallies of the county, city and province above, so a
 * region's report is a fold of its own tallies like a town's, never a scan over its towns.
 */
public final class RegionRollup implements Processor<String, TallyDelta, Void, Void> {
  private KeyValueStore<String, YearTally> regions;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    regions = context.getStateStore(StoreNames.REGION_TALLIES);
  }

  @Override
  public void process(Record<String, TallyDelta> record) {
    TallyDelta delta = record.value();
    String key = TallyKey.of(delta.getCode(), delta.getYear());
    YearTally tally = regions.get(key);
    regions.put(key, Tallies.add(tally == null ? Tallies.empty() : tally, delta.getDelta()));
  }
}
