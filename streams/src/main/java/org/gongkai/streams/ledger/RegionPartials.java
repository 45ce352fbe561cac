package org.gongkai.streams.ledger;

import java.util.Map;
import org.gongkai.state.YearTally;
import org.gongkai.streams.rollup.RegionCodes;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyCells;
import org.gongkai.streams.tally.TallyKey;
import org.gongkai.streams.tally.TallyStore;

/**
 * The county, city and province sums of the towns of this task's partition: each change to a
 * town's tally is added, in the same task, to the tallies of the three regions above the town.
 * A region's report adds up its partials of every partition ({@code ReportQueries}): changes are
 * additive, so no record has to travel to a task of the region's own, and no figure depends on
 * the order in which partitions are processed.
 */
final class RegionPartials {
  private final TallyStore store;

  RegionPartials(TallyStore store) {
    this.store = store;
  }

  /** Adds a town's changes, by year, to the partials of its county, city and province. */
  void add(String town, Map<Integer, YearTally> changes) {
    for (String region : RegionCodes.above(town)) {
      changes.forEach((year, change) -> {
        String key = TallyKey.of(region, year);
        YearTally partial = store.current(key);
        if (partial == null) {
          partial = Tallies.empty();
        }
        TallyCells.add(partial, change);
        store.changed(key, partial);
      });
    }
  }
}
