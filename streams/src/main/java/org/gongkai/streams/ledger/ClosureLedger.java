package org.gongkai.streams.ledger;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;

/** {@code year.closed}: the town certifies a year's figures and its report becomes final. */
public final class ClosureLedger extends Ledger<YearClosedEvent> {
  public static final int FIRST_REPORT_YEAR = 2019;

  public ClosureLedger(EventChecks checks, org.gongkai.streams.Progress progress) {
    super(Topics.CLOSURES.serde(), checks, progress);
  }

  @Override
  protected void openStores(ProcessorContext<String, Object> context) {}

  @Override
  protected String town(YearClosedEvent event) {
    return event.getTown();
  }

  /** The last day of the closed year: a year can be closed once it has ended. */
  @Override
  protected LocalDate date(YearClosedEvent event) {
    return LocalDate.of(event.getYear(), 12, 31);
  }

  @Override
  protected Optional<Verdict> checkDate(YearClosedEvent event) {
    int year = event.getYear();
    if (year < FIRST_REPORT_YEAR || year >= checks.today().getYear()) {
      return Optional.of(Verdict.reject(Reason.BAD_YEAR, "year " + year
          + " cannot be closed: reports exist from " + FIRST_REPORT_YEAR
          + " and a year can be closed only after it has ended"));
    }
    return Optional.empty();
  }

  @Override
  protected Verdict apply(YearClosedEvent event) {
    String town = event.getTown();
    int year = event.getYear();
    if (year <= closures.closedThrough(town)) {
      return Verdict.DUPLICATE;
    }
    int from = Math.max(closures.closedThrough(town) + 1, Math.min(tallies.firstYear(town).orElse(year), year));
    closures.close(town, year);
    for (int y = from; y <= year; y++) {
      tallies.change(town, y, tally -> tally.setFinalTowns(tally.getFinalTowns() + 1));
    }
    return Verdict.ACCEPTED;
  }
}
