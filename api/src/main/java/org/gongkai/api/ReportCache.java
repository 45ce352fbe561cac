package org.gongkai.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.NavigableMap;
import java.util.concurrent.atomic.LongAdder;
import org.gongkai.state.YearTally;

/**
 * The answers last sent for (place, year, format), each with the tallies it was built from, at
 * most a bound of them. It only keeps (and counts hits and misses, for {@code /metrics});
 * {@link ReportAnswers} decides whether an entry may still be served.
 *
 * <p>Which answers it keeps is Caffeine's (W-TinyLFU): an answer asked once and never again is
 * soon dropped, one asked again and again stays. A plain least-recently-used bound kept every
 * answer built until 10,000 others had come after it: with reports asked of random towns among
 * tens of thousands (a monitor paging through a province) nearly every answer was built, kept
 * a while and thrown away, and the old generation filled with them (young pauses of 10–60 ms).
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

  private final Cache<Key, Entry> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  ReportCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("a report cache holds at least one entry, got " + maxEntries);
    }
    // Evictions run in the request's thread: no pool to size, and the bound holds at once.
    this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
  }

  /** The entry, or null. */
  Entry get(Key key) {
    return entries.getIfPresent(key);
  }

  void put(Key key, Entry entry) {
    entries.put(key, entry);
  }

  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
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
