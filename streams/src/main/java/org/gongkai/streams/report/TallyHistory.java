package org.gongkai.streams.report;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.TallyKey;

/** Reads one town's (or region's) tallies for the years up to a report year. */
public final class TallyHistory {
  private TallyHistory() {}

  public static NavigableMap<Integer, YearTally> upTo(
      ReadOnlyKeyValueStore<String, YearTally> store, String code, int year) {
    NavigableMap<Integer, YearTally> years = new TreeMap<>();
    try (KeyValueIterator<String, YearTally> it = store.range(TallyKey.from(code), TallyKey.of(code, year))) {
      while (it.hasNext()) {
        KeyValue<String, YearTally> next = it.next();
        years.put(TallyKey.year(next.key), next.value);
      }
    }
    return years;
  }
}
