package org.gongkai.streams.report;

import java.util.NavigableMap;
import org.gongkai.state.YearTally;

/** Builds a report for year t from the tallies of t and the years before it. */
public final class ReportBuilder {
  private ReportBuilder() {}

  /** A town's report; {@code years} are its tallies by year (later years are ignored). */
  public static Report build(String town, int year, NavigableMap<Integer, YearTally> years) {
    return town(Place.town(town), year, years);
  }

  public static Report town(Place town, int year, NavigableMap<Integer, YearTally> years) {
    YearTally current = years.get(year);
    boolean closed = current != null && current.getFinalTowns() > 0;
    return figures(town, null, year, years, closed ? Report.FINAL : Report.OPEN, null, null);
  }

  /** A region's report: final once every town with figures has closed the year. */
  public static Report region(Place region, int year, NavigableMap<Integer, YearTally> years) {
    NavigableMap<Integer, YearTally> upTo = years.headMap(year, true);
    long towns = upTo.values().stream().mapToLong(YearTally::getTownsStarting).sum();
    YearTally current = upTo.get(year);
    long finalTowns = current == null ? 0 : current.getFinalTowns();
    String status = towns > 0 && finalTowns == towns ? Report.FINAL : Report.OPEN;
    return figures(null, region, year, years, status, towns, finalTowns);
  }

  private static Report figures(Place town, Place region, int year, NavigableMap<Integer, YearTally> years,
      String status, Long towns, Long finalTowns) {
    Template template = Template.forYear(year);
    NavigableMap<Integer, YearTally> upTo = years.headMap(year, true);
    YearTally current = upTo.get(year);
    return new Report(
        town,
        region,
        year,
        template.key(),
        status,
        towns,
        finalTowns,
        new ProactiveTable(upTo, year).rows(template),
        new Report.Requests(new RequestTable(upTo, year).rows(template)),
        new AppealTable(upTo, year).blocks(),
        current == null ? new Report.EventCounts(0, 0, 0, 0)
            : new Report.EventCounts(current.getAccepted(), current.getDuplicates(), current.getRejected(),
                current.getLate()),
        Report.EVENTS, null, null, null);
  }
}
