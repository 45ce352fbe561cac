package org.gongkai.streams.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DocumentKind;
import org.gongkai.events.ItemKind;
import org.gongkai.state.YearTally;

/** Table 二 (主动公开政府信息情况) for report year t, in the layout of the year's template. */
public final class ProactiveTable {
  private final NavigableMap<Integer, YearTally> years;
  private final int year;

  public ProactiveTable(NavigableMap<Integer, YearTally> years, int year) {
    this.years = years.headMap(year, true);
    this.year = year;
  }

  public Map<String, Map<String, Object>> rows(Template template) {
    return template == Template.T2019 ? rows2019() : rows2021();
  }

  private Map<String, Map<String, Object>> rows2019() {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    for (DocumentKind kind : DocumentKind.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("made", inYear(t -> t.getDocumentsIssued().get(kind.ordinal())));
      row.put("published", inYear(t -> t.getDocumentsPublished().get(kind.ordinal())));
      row.put("total_published", publishedInForce(kind));
      rows.put(documentRow(kind), row);
    }
    for (ItemKind kind : List.of(ItemKind.licensing, ItemKind.other_services, ItemKind.penalties, ItemKind.coercion)) {
      Map<String, Object> row = items(kind);
      row.put("decisions", inYear(t -> t.getDecisions().get(DecisionKind.valueOf(kind.name()).ordinal())));
      rows.put(kind.name(), row);
    }
    rows.put("fees", items(ItemKind.fees));
    Map<String, Object> procurement = new LinkedHashMap<>();
    procurement.put("projects", inYear(YearTally::getProcurementProjects));
    procurement.put("amount", wanYuan(inYear(YearTally::getProcurementFen)));
    rows.put("procurement", procurement);
    return rows;
  }

  private Map<String, Map<String, Object>> rows2021() {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    for (DocumentKind kind : DocumentKind.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("issued", inYear(t -> t.getDocumentsIssued().get(kind.ordinal())));
      row.put("repealed", inYear(t -> t.getRepealedIssued().get(kind.ordinal())));
      row.put("in_force", issuedInForce(kind));
      rows.put(documentRow(kind), row);
    }
    for (DecisionKind kind : List.of(DecisionKind.licensing, DecisionKind.penalties, DecisionKind.coercion)) {
      rows.put(kind.name(), new LinkedHashMap<>(Map.of("decisions",
          inYear(t -> t.getDecisions().get(kind.ordinal())))));
    }
    rows.put("fees", new LinkedHashMap<>(Map.of("amount", wanYuan(inYear(YearTally::getFeesFen)))));
    return rows;
  }

  private static String documentRow(DocumentKind kind) {
    return kind == DocumentKind.rule ? "rules" : "normative_documents";
  }

  /** 2019 {@code items_last_year}: items at the end of t−1; {@code items_change}: added − removed in t. */
  private Map<String, Object> items(ItemKind kind) {
    Map<String, Object> row = new LinkedHashMap<>();
    long atEndOfLastYear = 0;
    for (YearTally tally : years.headMap(year, false).values()) {
      atEndOfLastYear += tally.getItemsAdded().get(kind.ordinal()) - tally.getItemsRemoved().get(kind.ordinal());
    }
    row.put("items_last_year", atEndOfLastYear);
    row.put("items_change", inYear(t -> t.getItemsAdded().get(kind.ordinal()) - t.getItemsRemoved().get(kind.ordinal())));
    return row;
  }

  /** 2019 {@code total_published}: published and not repealed at the end of t. */
  private long publishedInForce(DocumentKind kind) {
    return years.values().stream().mapToLong(t -> t.getDocumentsPublished().get(kind.ordinal())
        - t.getRepealedPublished().get(kind.ordinal())).sum();
  }

  /** 2021 {@code in_force}: issued and not repealed at the end of t. */
  private long issuedInForce(DocumentKind kind) {
    return years.values().stream().mapToLong(t -> t.getDocumentsIssued().get(kind.ordinal())
        - t.getRepealedIssued().get(kind.ordinal())).sum();
  }

  private long inYear(Function<YearTally, Long> cell) {
    YearTally tally = years.get(year);
    return tally == null ? 0 : cell.apply(tally);
  }

  /** Fen to 万元 with exactly 4 decimals: 145638100 fen → "145.6381". */
  public static String wanYuan(long fen) {
    return BigDecimal.valueOf(fen, 6).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }
}
