package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.NavigableMap;
import org.gongkai.state.YearTally;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;

/**
 * A region's figures for a year, from its tallies summed over every partition: towns with
 * figures, how many closed the year, and the headlines of the year and of the year before (null
 * without figures).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegionFigures(long towns, long finalTowns, Headline headline, Headline previous) {

  static RegionFigures of(Place region, int year, NavigableMap<Integer, YearTally> tallies) {
    if (tallies.headMap(year, true).isEmpty()) {
      return new RegionFigures(0, 0, null, null);
    }
    Report report = ReportBuilder.region(region, year, tallies);
    Headline previous = tallies.headMap(year - 1, true).isEmpty() ? null
        : Headline.of(ReportBuilder.region(region, year - 1, tallies));
    return new RegionFigures(report.towns(), report.finalTowns(), Headline.of(report), previous);
  }
}
