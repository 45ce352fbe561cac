package org.gongkai.streams.ledger;

import org.gongkai.state.ClosureState;
import org.gongkai.streams.store.Entities;

/**
 * Which years a town has closed. Closing year Y certifies Y and every year before it (their
 * figures feed Y's carry-over), so a town is closed "through" a year. An event dated in a
 * closed year that arrives after the close is never lost and never changes final figures: it
 * counts in the first open year, as if dated 1 January of that year, and that year's report
 * says how many such late events it holds.
 */
final class Closures {
  private final Entities<ClosureState> closedThrough;

  Closures(Entities<ClosureState> closedThrough) {
    this.closedThrough = closedThrough;
  }

  /** The last year the town has closed, or 0. */
  int closedThrough(String town) {
    ClosureState state = closedThrough.current(town);
    return state == null ? 0 : state.getClosedThrough();
  }

  /** The year whose tally an event dated in {@code year} counts in. */
  int countingYear(String town, int year) {
    int closed = closedThrough(town);
    return year <= closed ? closed + 1 : year;
  }

  void close(String town, int year) {
    closedThrough.changed(town, new ClosureState(year));
  }
}
