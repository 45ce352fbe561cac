package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * Every threshold the flag rules use, in one place, and sent with the flags so that a reader can
 * see what raised them. Defined and argued in docs/reports.md ("Flags").
 *
 * @param jumpRise a rise of received requests beyond this share of last year's (1.00: +100%)
 * @param jumpFall a fall beyond this share (0.50: −50%)
 * @param jumpMinChange and by at least this many requests either way
 * @param outlierZ a robust z-score beyond this, in absolute value, against the county's towns
 * @param outlierMinTowns only in counties with at least this many towns with figures
 * @param outlierZFactor the constant of the robust z (0.6745: the MAD of a normal distribution in standard deviations)
 * @param correctionRateYellow a correction rate at or above this is yellow
 * @param correctionRateRed at or above this, red
 * @param correctionMinCases only with at least this many decided cases
 * @param disclosureRateYellow a disclosure rate below this is yellow
 * @param disclosureRateRed below this, red
 * @param disclosureMinCases only with at least this many concluded requests
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlagThresholds(
    BigDecimal jumpRise,
    BigDecimal jumpFall,
    long jumpMinChange,
    BigDecimal outlierZ,
    int outlierMinTowns,
    BigDecimal outlierZFactor,
    BigDecimal correctionRateYellow,
    BigDecimal correctionRateRed,
    long correctionMinCases,
    BigDecimal disclosureRateYellow,
    BigDecimal disclosureRateRed,
    long disclosureMinCases) {

  /** The thresholds the API uses. */
  public static final FlagThresholds DEFAULT = new FlagThresholds(
      new BigDecimal("1.00"), new BigDecimal("0.50"), 10,
      new BigDecimal("3.5"), 5, new BigDecimal("0.6745"),
      new BigDecimal("0.15"), new BigDecimal("0.30"), 30,
      new BigDecimal("0.50"), new BigDecimal("0.30"), 30);
}
