package org.gongkai.streams.ledger;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import org.gongkai.state.YearTally;
import org.gongkai.streams.rollup.RegionCodes;
import org.gongkai.streams.rollup.RegionPartials;
import org.gongkai.streams.tally.Tallies;
import org.gongkai.streams.tally.TallyKey;
import org.gongkai.streams.store.WriteBackStore;

/**
 * Changes to the per town and year tallies, and to the partial sums of the county, city and
 * province above the town: every change made to a town's tally is made, in the same task, to
 * the tally of each of its three regions for the same year. A region's figures add up its
 * partials of every partition ({@code ReportQueries}): changes are additive, so no record has to
 * travel to a task of the region's own, and no figure depends on the order in which partitions
 * are processed. The tallies one event touches are marked changed once ({@link #write}), however
 * many changes the event makes; they are live objects of the town tally store ({@link WriteBackStore})
 * and of the partials, which are held in memory only and rebuilt from the town tallies
 * ({@link RegionPartials}).
 */
final class TallyBook {
  private final WriteBackStore<YearTally> towns;
  private final RegionPartials regions;
  private final TownStates states;
  private final ImportedYears imported;
  private final Map<String, YearTally> touchedTowns = new HashMap<>();
  private final Map<String, YearTally> touchedRegions = new HashMap<>();
  private String keysOf;
  private int keysYear;
  /** The keys of {@link #keysOf}'s tally of {@link #keysYear} and of its regions' partials. */
  private String[] keys;

  TallyBook(WriteBackStore<YearTally> towns, RegionPartials regions, TownStates states,
      ImportedYears imported) {
    this.towns = towns;
    this.regions = regions;
    this.states = states;
    this.imported = imported;
  }

  /**
   * Adds an accepted event's change to the tally of the year it is dated in, or, when the town
   * has already closed that year, to the first open year: final figures never change
   * ({@link TownStates}).
   */
  void count(String town, LocalDate date, Consumer<YearTally> change) {
    change(town, states.countingYear(town, date.getYear()), change);
  }

  /** Makes the change to the town's tally of the year and to its regions' partials of that year. */
  void change(String town, int year, Consumer<YearTally> change) {
    String[] keys = keys(town, year);
    YearTally tally = read(touchedTowns, towns::current, keys[0]);
    if (tally == null) {
      tally = Tallies.empty();
      startTownIfFirst(town, year, tally);
      touchedTowns.put(keys[0], tally);
    }
    change.accept(tally);
    for (int region = 1; region < keys.length; region++) {
      change.accept(partial(keys[region]));
    }
  }

  /**
   * The keys of the town's tally of the year and of its regions' partials: made once for the
   * event's town and year (an event changes them at least twice: its rule's figures and its
   * verdict's count).
   */
  private String[] keys(String town, int year) {
    if (year != keysYear || !town.equals(keysOf)) {
      List<String> regions = RegionCodes.above(town);
      String[] made = new String[1 + regions.size()];
      made[0] = TallyKey.of(town, year);
      for (int i = 0; i < regions.size(); i++) {
        made[1 + i] = TallyKey.of(regions.get(i), year);
      }
      keys = made;
      keysOf = town;
      keysYear = year;
    }
    return keys;
  }

  /**
   * A town counts in a region's {@code towns} from its first tally's year on: the first tally
   * carries {@code townsStarting} 1, and so do the regions' partials of that year.
   */
  private void startTownIfFirst(String town, int year, YearTally created) {
    OptionalInt first = states.firstYear(town);
    if (first.isPresent() && first.getAsInt() < year) {
      return;
    }
    states.firstFiguresIn(town, year);
    // Computed figures from this year on: imported reports of these years no longer count.
    imported.eventsFrom(town, year);
    created.setTownsStarting(1);
    List<String> above = RegionCodes.above(town);
    above.forEach(region -> starting(partial(region, year), 1));
    if (first.isPresent()) {
      read(touchedTowns, towns::current, TallyKey.of(town, first.getAsInt())).setTownsStarting(0);
      above.forEach(region -> starting(partial(region, first.getAsInt()), -1));
    }
  }

  private static void starting(YearTally tally, long change) {
    tally.setTownsStarting(tally.getTownsStarting() + change);
  }

  /** The region's partial of the year, created when it has none. */
  private YearTally partial(String region, int year) {
    return partial(TallyKey.of(region, year));
  }

  /** The partial under the key ({@code region|year}), created when there is none. */
  private YearTally partial(String key) {
    YearTally tally = read(touchedRegions, regions::current, key);
    if (tally == null) {
      tally = Tallies.empty();
      touchedRegions.put(key, tally);
    }
    return tally;
  }

  /** The tally as this event sees it: from its own changes, else the store's (and kept). */
  private static YearTally read(Map<String, YearTally> touched, Function<String, YearTally> current, String key) {
    YearTally tally = touched.get(key);
    if (tally == null) {
      tally = current.apply(key);
      if (tally != null) {
        touched.put(key, tally);
      }
    }
    return tally;
  }

  /** Marks every tally the event touched as changed, once. */
  void write() {
    touchedTowns.forEach(towns::changed);
    touchedRegions.forEach(regions::changed);
    touchedTowns.clear();
    touchedRegions.clear();
  }
}
