package org.gongkai.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import org.gongkai.api.dashboard.Headline;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.gongkai.streams.report.Report;

/**
 * One town's headline figures in a region's list, for dashboards that compare towns. {@code source}
 * says where they come from: {@code events}, or {@code imported} (the town's published report for
 * a year before its events; a cell its text lacks is null); null without figures.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TownRow(
    String code,
    String name,
    String county,
    String status,
    String source,
    Long received,
    Long concludedTotal,
    Long carriedForward,
    BigDecimal grantedShare,
    String procurementAmount,
    Long appealsTotal) {

  /** A town of the region that has no events up to the year. */
  public static final String NO_FIGURES = org.gongkai.streams.report.Labels.NO_FIGURES;

  /** The sort keys a client may ask for, each with its comparator (ascending). */
  public static final Map<String, Comparator<TownRow>> SORTS = Map.of(
      "code", Comparator.comparing(TownRow::code),
      "name", Comparator.comparing(TownRow::name),
      "status", Comparator.comparing(TownRow::status),
      "received", Comparator.comparing(TownRow::received, Comparator.nullsFirst(Comparator.naturalOrder())),
      "concluded_total", Comparator.comparing(TownRow::concludedTotal, Comparator.nullsFirst(Comparator.naturalOrder())),
      "carried_forward", Comparator.comparing(TownRow::carriedForward, Comparator.nullsFirst(Comparator.naturalOrder())),
      "granted_share", Comparator.comparing(TownRow::grantedShare, Comparator.nullsFirst(Comparator.naturalOrder())),
      "procurement_amount", Comparator.comparing(r -> r.procurementAmount() == null ? BigDecimal.ZERO
          : new BigDecimal(r.procurementAmount())),
      "appeals_total", Comparator.comparing(TownRow::appealsTotal, Comparator.nullsFirst(Comparator.naturalOrder())));

  static TownRow of(String code, String name, String county, Report report) {
    if (report == null) {
      return new TownRow(code, name, county, NO_FIGURES, null, 0L, 0L, 0L, null, null, 0L);
    }
    Map<String, Map<String, Long>> rows = report.requests().rows();
    Function<String, Long> total = row -> rows.get(row).get("total");
    Long concluded = total.apply("concluded_total");
    // granted_share is the disclosure rate (docs/reports.md, "Derived indicators"): one definition
    BigDecimal share = Headline.of(report).disclosureRate();
    Map<String, Object> procurement = report.proactive().get("procurement");
    Long appeals = report.appeals().values().stream().map(block -> block.get("total"))
        .reduce(0L, (a, b) -> a == null || b == null ? null : a + b);
    return new TownRow(code, name, county, report.status(), report.source(), total.apply("received"), concluded,
        total.apply("carried_forward"), share, procurement == null ? null : (String) procurement.get("amount"), appeals);
  }
}
