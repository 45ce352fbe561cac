package org.gongkai.streams.ledger;

import org.gongkai.events.YearClosedEvent;

/**
 * {@code year.closed}: the town certifies a year's figures and its report becomes final, with
 * every year before it (their figures feed its carry-over). The year was checked by
 * {@link EventChecks#admit}: from 2019, and ended.
 */
final class ClosureRules implements Family<YearClosedEvent> {
  private final TownStates towns;
  private final TallyBook tallies;

  ClosureRules(TownStates towns, TallyBook tallies) {
    this.towns = towns;
    this.tallies = tallies;
  }

  @Override
  public Class<YearClosedEvent> type() {
    return YearClosedEvent.class;
  }

  @Override
  public Verdict apply(YearClosedEvent event) {
    String town = event.getTown();
    int year = event.getYear();
    int closedThrough = towns.closedThrough(town);
    if (year <= closedThrough) {
      return Verdict.DUPLICATE;
    }
    int from = Math.max(closedThrough + 1, Math.min(towns.firstYear(town).orElse(year), year));
    towns.close(town, year);
    for (int y = from; y <= year; y++) {
      tallies.change(town, y, tally -> tally.setFinalTowns(tally.getFinalTowns() + 1));
    }
    return Verdict.ACCEPTED;
  }
}
