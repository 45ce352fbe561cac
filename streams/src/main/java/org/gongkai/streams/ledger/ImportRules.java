package org.gongkai.streams.ledger;

import org.gongkai.events.ReportImported;
import org.gongkai.state.ImportedState;

/**
 * An imported report ({@code gongkai import}, the imported-reports route): the town's published
 * figures for a year, checked at the door. It counts as the town's figures for that year when the
 * town has no event counted in it or before it ({@link ImportedYears}); otherwise it is kept for
 * published-vs-computed only. The same text again is a duplicate; another text for the same year
 * replaces the earlier import (a report republished with corrections). It is never counted in a
 * tally: that would give the town figures from events for the year.
 */
final class ImportRules implements Family<ReportImported> {
  private final TownStates towns;
  private final ImportedYears imported;

  ImportRules(TownStates towns, ImportedYears imported) {
    this.towns = towns;
    this.imported = imported;
  }

  @Override
  public Class<ReportImported> type() {
    return ReportImported.class;
  }

  @Override
  public Verdict apply(ReportImported event) {
    ImportedState before = imported.get(event.getTown(), event.getYear());
    if (before != null && before.getReport().getSourceDigest().equals(event.getSourceDigest())) {
      return Verdict.DUPLICATE;
    }
    boolean counts = towns.firstYear(event.getTown()).orElse(Integer.MAX_VALUE) > event.getYear();
    imported.put(event, counts);
    return Verdict.ACCEPTED;
  }
}
