package org.gongkai.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.LongAdder;
import org.gongkai.state.YearTally;

/**
 * The answers last sent for (place, year, format), each with the tallies it was built from, the
 * least recently used forgotten beyond a bound. It only keeps (and counts hits and misses, for
 * {@code /metrics}); {@link ReportAnswers} decides whether an entry may still be served.
 */
final class ReportCache {
  /** Town codes have 9 digits and region codes 2, 4 or 6, so the code alone says which place. */
  record Key(String code, int year, String format) {}

  /**
   * @param tallies what the answer was built from; null when the report is final and can never change
   */
  record Entry(NavigableMap<Integer, YearTally> tallies, ReportAnswer answer) {
    boolean isFinal() {
      return tallies == null;
    }
  }

  private final Map<Key, Entry> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  ReportCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("a report cache holds at least one entry, got " + maxEntries);
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The entry, or null. */
  synchronized Entry get(Key key) {
    return entries.get(key);
  }

  synchronized void put(Key key, Entry entry) {
    entries.put(key, entry);
  }

  synchronized int size() {
    return entries.size();
  }

  /** An answer was sent from the cache. */
  void hit() {
    hits.increment();
  }

  /** An answer had to be built: nothing kept, or what was kept no longer right. */
  void miss() {
    misses.increment();
  }

  long hits() {
    return hits.sum();
  }

  long misses() {
    return misses.sum();
  }
}
