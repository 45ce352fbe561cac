package org.gongkai.streams.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyKey;
import org.gongkai.streams.tally.TallyStore;

/**
 * Read-modify-write access to the per town and year tallies. The tallies one event touches are
 * read once and written once ({@link #write}), however many changes the event makes. Every
 * change is also collected as a delta (changes are additive), so the regions above the town
 * can add the same amounts ({@link RegionPartials}).
 */
final class TallyBook {
  private final TallyStore store;
  private final Closures closures;
  private final Map<String, YearTally> touched = new LinkedHashMap<>();
  private final Map<Integer, YearTally> deltas = new TreeMap<>();

  TallyBook(TallyStore store, Closures closures) {
    this.store = store;
    this.closures = closures;
  }

  /**
   * Adds an accepted event's change to the tally of the year it is dated in, or, when the town
   * has already closed that year, to the first open year: final figures never change
   * ({@link Closures}).
   */
  void count(String town, java.time.LocalDate date, Consumer<YearTally> change) {
    change(town, closures.countingYear(town, date.getYear()), change);
  }

  void change(String town, int year, Consumer<YearTally> change) {
    String key = TallyKey.of(town, year);
    YearTally tally = read(key);
    if (tally == null) {
      tally = Tallies.empty();
      startTownIfFirst(town, year, tally);
      touched.put(key, tally);
    }
    change.accept(tally);
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
      YearTally old = read(TallyKey.of(town, first.getAsInt()));
      old.setTownsStarting(0);
      YearTally oldDelta = delta(first.getAsInt());
      oldDelta.setTownsStarting(oldDelta.getTownsStarting() - 1);
    }
  }

  /** The tally as this event sees it: from the event's own changes, else from the store (and kept). */
  private YearTally read(String key) {
    YearTally tally = touched.get(key);
    if (tally == null) {
      tally = store.current(key);
      if (tally != null) {
        touched.put(key, tally);
      }
    }
    return tally;
  }

  /** The first year the town has a tally for, counting tallies this event created. */
  OptionalInt firstYear(String town) {
    String firstKey = store.firstKey(TallyKey.from(town), TallyKey.of(town, 9999));
    OptionalInt first = firstKey == null ? OptionalInt.empty() : OptionalInt.of(TallyKey.year(firstKey));
    for (String key : touched.keySet()) {
      if (key.startsWith(town + '|') && (first.isEmpty() || TallyKey.year(key) < first.getAsInt())) {
        first = OptionalInt.of(TallyKey.year(key));
      }
    }
    return first;
  }

  /** Writes every tally the event touched, once. */
  void write() {
    touched.forEach(store::changed);
    touched.clear();
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
