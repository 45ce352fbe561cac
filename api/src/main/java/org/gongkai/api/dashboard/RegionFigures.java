package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Optional;
import org.gongkai.streams.report.Report;

/**
 * A region's figures for a year, from its tallies summed over every partition with its towns'
 * imported reports of the year added (as the region's report route builds them): towns with
 * figures, how many closed the year (an imported town counts as final), and the headlines of the
 * year and of the year before (null without figures).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegionFigures(long towns, long finalTowns, Headline headline, Headline previous) {

  /** From the region's reports of the year and the year before (empty: no figures). */
  static RegionFigures of(Optional<Report> report, Optional<Report> previous) {
    if (report.isEmpty()) {
      return new RegionFigures(0, 0, null, null);
    }
    return new RegionFigures(report.get().towns(), report.get().finalTowns(), Headline.of(report.get()),
        previous.map(Headline::of).orElse(null));
  }
}
