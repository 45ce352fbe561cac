package org.gongkai.streams.report;

import java.util.NavigableMap;
import org.gongkai.state.YearTally;

/** Builds a report for year t from the tallies of t and the years before it. */
public final class ReportBuilder {
  private ReportBuilder() {}

  /** @param years the code's tallies by year; years after {@code year} are ignored */
  public static Report build(String code, int year, NavigableMap<Integer, YearTally> years) {
    Template template = Template.forYear(year);
    NavigableMap<Integer, YearTally> upTo = years.headMap(year, true);
    YearTally current = upTo.get(year);
    boolean closed = current != null && current.getClosed();
    return new Report(
        code,
        year,
        template.key(),
        closed ? Report.FINAL : Report.OPEN,
        new ProactiveTable(upTo, year).rows(template),
        new Report.Requests(new RequestTable(upTo, year).rows(template)),
        new AppealTable(upTo, year).blocks(),
        current == null ? new Report.EventCounts(0, 0, 0, 0)
            : new Report.EventCounts(current.getAccepted(), current.getDuplicates(), current.getRejected(),
                current.getLate()));
  }
}
