package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** A town's figure that a provincial monitor should look at, with why (docs/reports.md, "Flags"). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Flag(Town town, String kind, String level, String indicator, BigDecimal value, BigDecimal reference,
    String message) {

  public static final String JUMP = "jump";
  public static final String OUTLIER = "outlier";
  public static final String CORRECTION_RATE = "correction_rate";
  public static final String DISCLOSURE_RATE = "disclosure_rate";
  public static final String RED = "red";
  public static final String YELLOW = "yellow";

  /** The flagged town and its county. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Town(String code, String name, String countyCode, String county) {
    static Town of(TownFigures figures) {
      return new Town(figures.code(), figures.name(), figures.countyCode(), figures.county());
    }
  }
}
