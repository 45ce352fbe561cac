package org.gongkai.api.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.gongkai.streams.report.Report;

/**
 * The headline figures of one town's or region's report for one year: what the dashboard shows
 * and compares. Each derived figure is one named method below, defined in docs/reports.md
 * ("Derived indicators"); the table cells it reads are the report's own. An imported report
 * (the town's published text) may lack cells: a figure that reads a missing cell is null, and so
 * is a rate whose numerator or denominator is.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Headline(
    Long received,
    Long concluded,
    Long carriedForward,
    BigDecimal disclosureRate,
    Long reconsiderations,
    Long litigations,
    Long decidedCases,
    Long correctedCases,
    BigDecimal correctionRate,
    String fees,
    String procurementAmount) {

  /** Decimals of every rate. */
  public static final int RATE_SCALE = 4;

  private static final String RECONSIDERATION = "reconsideration";
  private static final String[] LITIGATION = {"litigation_direct", "litigation_after_reconsideration"};
  private static final String[] DECIDED = {"upheld", "corrected", "other"};

  public static Headline of(Report report) {
    return new Headline(received(report), concluded(report), carriedForward(report), disclosureRate(report),
        reconsiderations(report), litigations(report), decidedCases(report), correctedCases(report),
        correctionRate(report), fees(report), procurementAmount(report));
  }

  /** 新收申请: table 三, row {@code received}, column {@code total}. */
  static Long received(Report report) {
    return requests(report, "received");
  }

  /** 办结: table 三, row {@code concluded_total}, column {@code total}. */
  static Long concluded(Report report) {
    return requests(report, "concluded_total");
  }

  /** 结转下年: table 三, row {@code carried_forward}, column {@code total}. */
  static Long carriedForward(Report report) {
    return requests(report, "carried_forward");
  }

  /**
   * 实质公开率: requests granted in whole or in part ({@code granted} + {@code partially_granted})
   * per request concluded ({@code concluded_total}); null when none was concluded.
   */
  static BigDecimal disclosureRate(Report report) {
    return rate(sum(requests(report, "granted"), requests(report, "partially_granted")), concluded(report));
  }

  /** 行政复议: the {@code total} of table 四's reconsideration block. */
  static Long reconsiderations(Report report) {
    return appeals(report, RECONSIDERATION, "total");
  }

  /** 行政诉讼: the {@code total}s of both litigation blocks (direct, and after reconsideration). */
  static Long litigations(Report report) {
    Long sum = 0L;
    for (String block : LITIGATION) {
      sum = sum(sum, appeals(report, block, "total"));
    }
    return sum;
  }

  /** Cases with a result (upheld + corrected + other), in all three blocks of table 四: pending ones are not. */
  static Long decidedCases(Report report) {
    Long sum = 0L;
    for (String block : report.appeals().keySet()) {
      for (String result : DECIDED) {
        sum = sum(sum, appeals(report, block, result));
      }
    }
    return sum;
  }

  /** 结果纠正: cases corrected, in all three blocks of table 四. */
  static Long correctedCases(Report report) {
    Long sum = 0L;
    for (String block : report.appeals().keySet()) {
      sum = sum(sum, appeals(report, block, "corrected"));
    }
    return sum;
  }

  /** 纠错率: cases corrected per case decided; null when none was decided. */
  static BigDecimal correctionRate(Report report) {
    return rate(correctedCases(report), decidedCases(report));
  }

  /** 行政事业性收费: the amount collected (万元, template 2021); null when the template has none (2019). */
  static String fees(Report report) {
    return amount(report, "fees");
  }

  /** 政府集中采购: the amount awarded (万元, template 2019); null when the template has none (2021). */
  static String procurementAmount(Report report) {
    return amount(report, "procurement");
  }

  /** A share with {@link #RATE_SCALE} decimals, half up; null when the denominator is 0. */
  public static BigDecimal rate(long numerator, long denominator) {
    return denominator == 0 ? null
        : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATE_SCALE, RoundingMode.HALF_UP);
  }

  /** As {@link #rate(long, long)}; null when either is unknown (a cell the imported text lacks). */
  static BigDecimal rate(Long numerator, Long denominator) {
    return numerator == null || denominator == null ? null : rate(numerator.longValue(), denominator.longValue());
  }

  /** The sum; null when either is unknown. */
  private static Long sum(Long a, Long b) {
    return a == null || b == null ? null : a + b;
  }

  private static Long requests(Report report, String row) {
    return report.requests().rows().get(row).get("total");
  }

  private static Long appeals(Report report, String block, String column) {
    return report.appeals().get(block).get(column);
  }

  private static String amount(Report report, String row) {
    Map<String, Object> cells = report.proactive().get(row);
    return cells == null ? null : (String) cells.get("amount");
  }
}
