package org.gongkai.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import org.gongkai.api.dashboard.Headline;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.gongkai.streams.report.Report;

/** One town's headline figures in a region's list, for dashboards that compare towns. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TownRow(
    String code,
    String name,
    String county,
    String status,
    long received,
    long concludedTotal,
    long carriedForward,
    BigDecimal grantedShare,
    String procurementAmount,
    long appealsTotal) {

  /** A town of the region that has no events up to the year. */
  public static final String NO_FIGURES = org.gongkai.streams.report.Labels.NO_FIGURES;

  /** The sort keys a client may ask for, each with its comparator (ascending). */
  public static final Map<String, Comparator<TownRow>> SORTS = Map.of(
      "code", Comparator.comparing(TownRow::code),
      "name", Comparator.comparing(TownRow::name),
      "status", Comparator.comparing(TownRow::status),
      "received", Comparator.comparingLong(TownRow::received),
      "concluded_total", Comparator.comparingLong(TownRow::concludedTotal),
      "carried_forward", Comparator.comparingLong(TownRow::carriedForward),
      "granted_share", Comparator.comparing(TownRow::grantedShare, Comparator.nullsFirst(Comparator.naturalOrder())),
      "procurement_amount", Comparator.comparing(r -> r.procurementAmount() == null ? BigDecimal.ZERO
          : new BigDecimal(r.procurementAmount())),
      "appeals_total", Comparator.comparingLong(TownRow::appealsTotal));

  static TownRow of(String code, String name, String county, Report report) {
    if (report == null) {
      return new TownRow(code, name, county, NO_FIGURES, 0, 0, 0, null, null, 0);
    }
    Map<String, Map<String, Long>> rows = report.requests().rows();
    Function<String, Long> total = row -> rows.get(row).get("total");
    long concluded = total.apply("concluded_total");
    // granted_share is the disclosure rate (docs/reports.md, "Derived indicators"): one definition
    BigDecimal share = Headline.of(report).disclosureRate();
    Map<String, Object> procurement = report.proactive().get("procurement");
    long appeals = report.appeals().values().stream().mapToLong(block -> block.get("total")).sum();
    return new TownRow(code, name, county, report.status(), total.apply("received"), concluded,
        total.apply("carried_forward"), share, procurement == null ? null : (String) procurement.get("amount"), appeals);
  }
}
