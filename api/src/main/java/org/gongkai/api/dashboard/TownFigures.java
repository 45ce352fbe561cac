package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.NavigableMap;
import org.gongkai.state.YearTally;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.ReportBuilder;

/**
 * One town's place in the dashboard for a year: its status ({@code open}, {@code final} or
 * {@code no_figures}) and its headline figures of the year and of the year before (null without
 * figures), from one read of its tallies.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TownFigures(String code, String name, String countyCode, String county, String status,
    Headline headline, Headline previous) {

  /** From the town's tallies up to the year (empty: no figures). */
  static TownFigures of(DivisionRegistry.Town town, int year, NavigableMap<Integer, YearTally> tallies) {
    Place place = Place.town(town.town().code());
    if (tallies.headMap(year, true).isEmpty()) {
      return new TownFigures(town.town().code(), town.town().name(), town.county().code(), town.county().name(),
          Labels.NO_FIGURES, null, null);
    }
    var report = ReportBuilder.town(place, year, tallies);
    Headline previous = tallies.headMap(year - 1, true).isEmpty() ? null
        : Headline.of(ReportBuilder.town(place, year - 1, tallies));
    return new TownFigures(town.town().code(), town.town().name(), town.county().code(), town.county().name(),
        report.status(), Headline.of(report), previous);
  }

  boolean hasFigures() {
    return headline != null;
  }
}
