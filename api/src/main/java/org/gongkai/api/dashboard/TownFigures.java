package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Optional;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;

/**
 * One town's place in the dashboard for a year: its status ({@code open}, {@code final} or
 * {@code no_figures}), where its figures come from ({@code events}, or {@code imported}: its
 * published report; null without figures) and its headline figures of the year and of the year
 * before (null without figures).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TownFigures(String code, String name, String countyCode, String county, String status, String source,
    Headline headline, Headline previous) {

  /** From the town's reports of the year and of the year before (empty: no figures). */
  static TownFigures of(DivisionRegistry.Town town, Optional<Report> report, Optional<Report> previous) {
    if (report.isEmpty()) {
      return new TownFigures(town.town().code(), town.town().name(), town.county().code(), town.county().name(),
          Labels.NO_FIGURES, null, null, null);
    }
    return new TownFigures(town.town().code(), town.town().name(), town.county().code(), town.county().name(),
        report.get().status(), report.get().source(), Headline.of(report.get()), previous.map(Headline::of).orElse(null));
  }

  boolean hasFigures() {
    return headline != null;
  }
}
