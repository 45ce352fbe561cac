package org.gongkai.streams.ledger;

import java.util.OptionalInt;
import org.gongkai.state.TownState;
import org.gongkai.streams.store.Entities;

/**
 * What the ledger remembers of each town itself: which years it has closed, and the first year
 * it has figures for.
 *
 * <p>Closing year Y certifies Y and every year before it (their figures feed Y's carry-over), so
 * a town is closed "through" a year. An event dated in a closed year that the town published
 * after the close is never lost and never changes final figures: it counts in the first open
 * year, as if dated 1 January of that year, and that year's report says how many such late
 * events it holds.
 */
final class TownStates {
  private final Entities<TownState> towns;

  TownStates(Entities<TownState> towns) {
    this.towns = towns;
  }

  /** The last year the town has closed, or 0. */
  int closedThrough(String town) {
    TownState state = towns.current(town);
    return state == null ? 0 : state.getClosedThrough();
  }

  /** The year whose tally an event dated in {@code year} counts in. */
  int countingYear(String town, int year) {
    int closed = closedThrough(town);
    return year <= closed ? closed + 1 : year;
  }

  void close(String town, int year) {
    state(town).setClosedThrough(year);
    towns.changed(town, state(town));
  }

  /** The first year the town has a tally for. */
  OptionalInt firstYear(String town) {
    TownState state = towns.current(town);
    return state == null || state.getFirstYear() == 0 ? OptionalInt.empty() : OptionalInt.of(state.getFirstYear());
  }

  /** The town has a tally for this year now, and none for an earlier one. */
  void firstFiguresIn(String town, int year) {
    state(town).setFirstYear(year);
    towns.changed(town, state(town));
  }

  private TownState state(String town) {
    TownState state = towns.current(town);
    if (state == null) {
      state = new TownState(0, 0);
      towns.changed(town, state);
    }
    return state;
  }
}
