package org.gongkai.streams.ledger;

import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyKey;

/** Read-modify-write access to the per town and year tallies. */
final class TallyBook {
  private final KeyValueStore<String, YearTally> store;

  TallyBook(KeyValueStore<String, YearTally> store) {
    this.store = store;
  }

  void change(String town, int year, Consumer<YearTally> change) {
    String key = TallyKey.of(town, year);
    YearTally tally = store.get(key);
    if (tally == null) {
      tally = Tallies.empty();
    }
    change.accept(tally);
    store.put(key, tally);
  }

  YearTally get(String town, int year) {
    return store.get(TallyKey.of(town, year));
  }

  /** The first year the town has a tally for. */
  java.util.OptionalInt firstYear(String town) {
    try (var it = store.range(TallyKey.from(town), TallyKey.of(town, 9999))) {
      return it.hasNext() ? java.util.OptionalInt.of(TallyKey.year(it.next().key)) : java.util.OptionalInt.empty();
    }
  }
}
