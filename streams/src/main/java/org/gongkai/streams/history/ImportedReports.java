package org.gongkai.streams.history;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gongkai.events.ImportedViolation;
import org.gongkai.events.ReportImported;
import org.gongkai.state.ImportedState;
import org.gongkai.state.ImportedSum;
import org.gongkai.state.YearTally;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.report.Template;
import org.gongkai.streams.report.CellRef;
import org.gongkai.streams.report.Cells;
import org.gongkai.streams.report.Check;
import org.gongkai.streams.report.Identities;
import org.gongkai.streams.report.imported.ImportedReport;
import org.gongkai.streams.report.imported.ReportCheck;

/**
 * Imported history: a town's published report as the figures of a year it has no events for.
 * Its cells travel keyed by their JSON paths ({@link CellRef#path}, {@code requests.received.total}); a
 * count is a {@code Long}, a 万元 amount its 4-decimal string. Imported figures are never folded
 * into the tallies: a report's stocks (carried over, carried forward, items last year) are not
 * flows, and the requests it carries forward have no events to conclude them. So a town's imported
 * year is served as published, a region's report adds its towns' imported cells to the year they
 * are for, and R5 is checked across the boundary instead of carried across it.
 */
public final class ImportedReports {
  /** 万元 amounts are summed exactly in units of their 4th decimal (1 元). */
  private static final int MONEY_SCALE = 4;

  private ImportedReports() {}

  /**
   * A town's report for a year: its imported report while that counts as its figures, else the
   * report computed from its tallies; either with R5 across the boundary when the year before is
   * an imported year that counts.
   *
   * @param tallies the town's tallies up to the year
   * @param imported the town's imported report of the year, or null
   * @param previous the town's imported report of the year before, or null
   * @return empty when the town has neither
   */
  public static java.util.Optional<Report> town(Place town, int year, java.util.NavigableMap<Integer, YearTally> tallies,
      ImportedState imported, ImportedState previous) {
    Report report;
    if (imported != null && imported.getCounted()) {
      report = report(town, imported.getReport());
    } else if (!tallies.isEmpty()) {
      report = ReportBuilder.town(town, year, tallies);
    } else {
      return java.util.Optional.empty();
    }
    if (previous != null && previous.getCounted()) {
      report = report.withAcrossImport(acrossImport(report, previous.getReport()));
    }
    return java.util.Optional.of(report);
  }

  /**
   * A region's report: its tallies' report with its towns' imported reports of the year added;
   * empty when it has neither.
   */
  public static java.util.Optional<Report> region(Place region, int year, java.util.NavigableMap<Integer, YearTally> tallies,
      ImportedSum imported) {
    if (tallies.isEmpty() && imported.getTowns() == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(withImported(ReportBuilder.region(region, year, tallies), imported));
  }

  /** SHA-256 of the report's text, in hex: the same text imported again is a duplicate. */
  public static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The event that imports a report read from its text. */
  public static ReportImported payload(String town, ImportedReport read, ReportCheck check, String text) {
    String digest = digest(text);
    List<ImportedViolation> broken = check.violations().stream()
        .map(v -> new ImportedViolation(v.rule(), v.cells(), text(v.expected()), text(v.found()), v.message(),
            v.messageEn(), v.line())).toList();
    return new ReportImported("import-" + read.year() + "-" + digest.substring(0, 16), town, read.year(), read.name(),
        cells(read), broken, digest);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** Every cell the report has, keyed by its path; unread cells are left out. */
  public static Map<String, Object> cells(ImportedReport read) {
    Map<String, Object> cells = new LinkedHashMap<>();
    read.proactive().forEach((row, columns) -> columns.forEach((column, value) ->
        put(cells, new CellRef(Labels.PROACTIVE, row, column), value)));
    read.requests().forEach((row, printed) -> printed.cells().forEach((column, value) ->
        put(cells, CellRef.request(row, column), value)));
    read.appeals().forEach((block, columns) -> columns.forEach((column, value) ->
        put(cells, CellRef.appeal(block, column), value)));
    return cells;
  }

  private static void put(Map<String, Object> cells, CellRef cell, Object value) {
    if (value != null) {
      cells.put(cell.path(), value);
    }
  }

  /**
   * The town's report for the imported year, as published: every cell of the template, null where
   * the text does not give it; {@code source} imported, {@code final} (it is the report the town
   * published), and the rules it breaks.
   */
  public static Report report(Place town, ReportImported imported) {
    Report shape = ReportBuilder.town(town, imported.getYear(), new TreeMap<>());
    Map<String, Object> cells = imported.getCells();
    Map<String, Map<String, Object>> proactive = filled(Labels.PROACTIVE, shape.proactive(), cells);
    Map<String, Map<String, Long>> rows = counts(Labels.REQUESTS, shape.requests().rows(), cells);
    Map<String, Map<String, Long>> appeals = counts(Labels.APPEALS, shape.appeals(), cells);
    List<Report.Violation> violations = imported.getViolations().stream()
        .map(v -> new Report.Violation(v.getRule(), v.getCells(), v.getExpected(), v.getFound(), v.getMessage(),
            v.getMessageEn(), v.getLine())).toList();
    return new Report(town, null, imported.getYear(), shape.template(), Report.FINAL, null, null, proactive,
        new Report.Requests(rows), appeals, new Report.EventCounts(0, 0, 0, 0), Report.IMPORTED, null, violations,
        null);
  }

  private static Map<String, Map<String, Object>> filled(String table, Map<String, Map<String, Object>> shape,
      Map<String, Object> cells) {
    Map<String, Map<String, Object>> filled = new LinkedHashMap<>();
    shape.forEach((row, columns) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      columns.keySet().forEach(column -> values.put(column, cells.get(new CellRef(table, row, column).path())));
      filled.put(row, values);
    });
    return filled;
  }

  private static Map<String, Map<String, Long>> counts(String table, Map<String, Map<String, Long>> shape,
      Map<String, Object> cells) {
    Map<String, Map<String, Long>> filled = new LinkedHashMap<>();
    shape.forEach((row, columns) -> {
      Map<String, Long> values = new LinkedHashMap<>();
      columns.keySet().forEach(column -> values.put(column, (Long) cells.get(new CellRef(table, row, column).path())));
      filled.put(row, values);
    });
    return filled;
  }

  /**
   * R5 across the boundary: {@code report}'s {@code carried_over} (the first computed year, or an
   * imported year) against the {@code carried_forward} of the imported year before it, column by
   * column, by the one implementation of the identities ({@link Identities}). A column the
   * imported text (or the report, if imported) lacks is unchecked.
   */
  public static Report.AcrossImport acrossImport(Report report, ReportImported previous) {
    List<Report.Check> checks = new ArrayList<>();
    boolean violated = false;
    boolean unchecked = false;
    Cells now = Cells.of(report);
    Cells before = cells(previous);
    for (Check check : Identities.check(now, before)) {
      if (!check.rule().equals("R5")) {
        continue;
      }
      violated |= check.status() == Check.Status.VIOLATED;
      unchecked |= check.status() == Check.Status.UNCHECKED;
      List<String> involved = List.of(report.year() + ":" + check.cells().get(0).path(),
          previous.getYear() + ":" + check.cells().get(1).path());
      checks.add(new Report.Check(check.rule(), check.subject(), check.status().name().toLowerCase(java.util.Locale.ROOT),
          involved, now.count(check.cells().get(0)), before.count(check.cells().get(1)), check.message(),
          check.messageZh()));
    }
    return new Report.AcrossImport(previous.getYear(), violated ? "violated" : unchecked ? "unchecked" : "holds", checks);
  }

  /** An imported report's cells as the identities read them. */
  static Cells cells(ReportImported imported) {
    Template template = Template.forYear(imported.getYear());
    return new Cells() {
      @Override
      public int year() {
        return imported.getYear();
      }

      @Override
      public Template template() {
        return template;
      }

      @Override
      public Long count(CellRef cell) {
        return imported.getCells().get(cell.path()) instanceof Long n ? n : null;
      }
    };
  }

  /** One cell where the published report and the computed one differ. */
  public record Difference(String cell, String label, Object published, Object computed) {}

  /** What published-vs-computed lists: the cells that differ, and the cells the text does not give. */
  public record Comparison(int compared, List<Difference> differences, List<String> unread) {}

  /** Every cell of the computed report against the published one. */
  public static Comparison compare(ReportImported published, Report computed) {
    Template template = Template.forYear(computed.year());
    List<Difference> differences = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    int[] compared = {0};
    forEachCell(computed, (cell, value) -> {
      Object stated = published.getCells().get(cell.path());
      if (stated == null) {
        unread.add(cell.path());
        return;
      }
      compared[0]++;
      if (!same(stated, value)) {
        differences.add(new Difference(cell.path(), cell.label(template), stated, value));
      }
    });
    return new Comparison(compared[0], differences, unread);
  }

  private static boolean same(Object published, Object computed) {
    if (published instanceof String amount && computed instanceof String other) {
      return new BigDecimal(amount).compareTo(new BigDecimal(other)) == 0;
    }
    return published.equals(computed);
  }

  private static void forEachCell(Report report, java.util.function.BiConsumer<CellRef, Object> each) {
    report.proactive().forEach((row, columns) -> columns.forEach((column, value) ->
        each.accept(new CellRef(Labels.PROACTIVE, row, column), value)));
    report.requests().rows().forEach((row, columns) -> columns.forEach((column, value) ->
        each.accept(CellRef.request(row, column), value)));
    report.appeals().forEach((block, columns) -> columns.forEach((column, value) ->
        each.accept(CellRef.appeal(block, column), value)));
  }

  // ---- region sums ----

  /** An empty sum. */
  public static ImportedSum emptySum() {
    return new ImportedSum(0L, new TreeMap<>());
  }

  /** Adds ({@code sign} 1) or takes away (−1) a town's imported report from a region's sum. */
  public static void addInto(ImportedSum sum, ReportImported report, int sign) {
    sum.setTowns(sum.getTowns() + sign);
    Map<String, Long> cells = new TreeMap<>(sum.getCells());
    report.getCells().forEach((cell, value) -> {
      long units = value instanceof String amount
          ? new BigDecimal(amount).movePointRight(MONEY_SCALE).longValueExact() : (Long) value;
      long total = cells.getOrDefault(cell, 0L) + sign * units;
      if (total == 0) {
        cells.remove(cell);
      } else {
        cells.put(cell, total);
      }
    });
    sum.setCells(cells);
  }

  /** Sums of several partitions. */
  public static ImportedSum plus(ImportedSum a, ImportedSum b) {
    ImportedSum sum = new ImportedSum(a.getTowns() + b.getTowns(), new TreeMap<>(a.getCells()));
    b.getCells().forEach((cell, value) -> sum.getCells().merge(cell, value, Long::sum));
    return sum;
  }

  /**
   * A region's report with its towns' imported reports of the year added, cell by cell; its
   * imported towns count among its towns and as final (their reports are published).
   *
   * @param computed the report from the region's tallies (all zeros when no town has events)
   */
  public static Report withImported(Report computed, ImportedSum sum) {
    if (sum.getTowns() == 0) {
      return computed;
    }
    Map<String, Map<String, Object>> proactive = new LinkedHashMap<>();
    computed.proactive().forEach((row, columns) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      columns.forEach((column, value) -> {
        Long add = sum.getCells().get(new CellRef(Labels.PROACTIVE, row, column).path());
        if (add == null) {
          values.put(column, value);
        } else if (value instanceof String amount) {
          values.put(column, new BigDecimal(amount).add(BigDecimal.valueOf(add, MONEY_SCALE)).setScale(MONEY_SCALE).toPlainString());
        } else {
          values.put(column, (Long) value + add);
        }
      });
      proactive.put(row, values);
    });
    long towns = computed.towns() + sum.getTowns();
    long finalTowns = computed.finalTowns() + sum.getTowns();
    return new Report(null, computed.region(), computed.year(), computed.template(),
        finalTowns == towns ? Report.FINAL : Report.OPEN, towns, finalTowns, proactive,
        new Report.Requests(added(Labels.REQUESTS, computed.requests().rows(), sum)),
        added(Labels.APPEALS, computed.appeals(), sum), computed.events(), Report.IMPORTED, sum.getTowns(), null, null);
  }

  private static Map<String, Map<String, Long>> added(String table, Map<String, Map<String, Long>> computed,
      ImportedSum sum) {
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    computed.forEach((row, columns) -> {
      Map<String, Long> values = new LinkedHashMap<>();
      columns.forEach((column, value) ->
          values.put(column, value + sum.getCells().getOrDefault(new CellRef(table, row, column).path(), 0L)));
      rows.put(row, values);
    });
    return rows;
  }
}
