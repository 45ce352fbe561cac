package org.gongkai.streams.ledger;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyKey;

/**
 * Read-modify-write access to the per town and year tallies. Every change is also collected
 * as a delta (changes are additive), so the regions above the town can add the same amounts.
 */
final class TallyBook {
  private final KeyValueStore<String, YearTally> store;
  private final Map<Integer, YearTally> deltas = new TreeMap<>();

  TallyBook(KeyValueStore<String, YearTally> store) {
    this.store = store;
  }

  void change(String town, int year, Consumer<YearTally> change) {
    String key = TallyKey.of(town, year);
    YearTally tally = store.get(key);
    if (tally == null) {
      tally = Tallies.empty();
      startTownIfFirst(town, year, tally);
    }
    change.accept(tally);
    store.put(key, tally);
    change.accept(delta(year));
  }

  /** A town counts in a region's {@code towns} from its first tally's year on. */
  private void startTownIfFirst(String town, int year, YearTally created) {
    OptionalInt first = firstYear(town);
    if (first.isPresent() && first.getAsInt() < year) {
      return;
    }
    created.setTownsStarting(1);
    YearTally delta = delta(year);
    delta.setTownsStarting(delta.getTownsStarting() + 1);
    if (first.isPresent()) {
      String oldKey = TallyKey.of(town, first.getAsInt());
      YearTally old = store.get(oldKey);
      old.setTownsStarting(0);
      store.put(oldKey, old);
      YearTally oldDelta = delta(first.getAsInt());
      oldDelta.setTownsStarting(oldDelta.getTownsStarting() - 1);
    }
  }

  YearTally get(String town, int year) {
    return store.get(TallyKey.of(town, year));
  }

  /** The first year the town has a tally for. */
  OptionalInt firstYear(String town) {
    try (KeyValueIterator<String, YearTally> it = store.range(TallyKey.from(town), TallyKey.of(town, 9999))) {
      return it.hasNext() ? OptionalInt.of(TallyKey.year(it.next().key)) : OptionalInt.empty();
    }
  }

  /** The deltas collected since the last drain, by year; the book forgets them. */
  Map<Integer, YearTally> drainDeltas() {
    Map<Integer, YearTally> drained = new TreeMap<>(deltas);
    deltas.clear();
    return drained;
  }

  private YearTally delta(int year) {
    return deltas.computeIfAbsent(year, y -> Tallies.empty());
  }
}
