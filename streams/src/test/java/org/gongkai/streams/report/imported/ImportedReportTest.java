package org.gongkai.streams.report.imported;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.gongkai.streams.report.CellRef;
import org.gongkai.streams.report.Check;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.ProactiveTable;
import org.gongkai.streams.report.Template;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The importer on the reference report as published (seeds/000_713aac75e110bc97.txt, 南港镇 2020)
 * and on altered copies of it: what it reads, what it flags, and which identities it can check.
 */
class ImportedReportTest {
  static final Path SEED = Path.of("..", "seeds", "000_713aac75e110bc97.txt");
  static final List<String> APPLICANTS = List.of("natural_person", "commercial_enterprise", "research_institution",
      "public_interest_org", "legal_service_org", "other_org");
  static final List<String> COLUMNS = Labels.columnKeys(Template.T2019, Labels.REQUESTS);
  /** The 2019 template's 19 result rows, 予以公开 … （六）其他处理. */
  static final List<String> RESULTS = Labels.rowKeys(Template.T2019, Labels.REQUESTS).stream()
      .filter(r -> !Set.of("received", "carried_over", "concluded_total", "carried_forward").contains(r)).toList();
  /** The rows the seed prints with 5 of 7 cells: the result rows, （七）总计 and 四、结转下年度继续办理. */
  static final List<String> SHORT_ROWS = concat(RESULTS, List.of("concluded_total", "carried_forward"));

  static String seed;
  static ImportedReport report;

  @BeforeAll
  static void importSeed() throws IOException {
    seed = Files.readString(SEED, StandardCharsets.UTF_8);
    report = new ReportImporter().read(seed);
  }

  // ---- the seed as published ----

  @Test
  void shouldReadNameYearAndTemplateWhenTitleLineIsGiven() {
    assertEquals("南港镇", report.name());
    assertEquals(2020, report.year());
    assertEquals(Template.T2019, report.template());
  }

  @Test
  void shouldStripUnitsWhenProcurementIsPrintedWithThem() {
    // 177件, 145.6381万元
    assertEquals(177L, report.proactive().get("procurement").get("projects"));
    assertEquals("145.6381", report.proactive().get("procurement").get("amount"));
  }

  @Test
  void shouldReadOtherProactiveRowsAsZeroWhenSeedPrintsZeros() {
    List<Executable> checks = new ArrayList<>();
    report.proactive().forEach((row, cells) -> {
      if (!row.equals("procurement")) {
        cells.forEach((column, value) -> checks.add(() -> assertEquals(0L, value, row + "/" + column)));
      }
    });
    assertEquals(7, report.proactive().size() - 1);
    assertAll(checks);
  }

  @Test
  void shouldReadReceivedAndCarriedOverWhenRowsAreComplete() {
    ImportedRow received = report.row("received");
    assertTrue(received.complete());
    assertEquals(List.of(1L, 0L, 0L, 0L, 0L, 0L, 1L), List.copyOf(received.cells().values()));
    assertEquals(COLUMNS, List.copyOf(received.cells().keySet()));
    ImportedRow carriedOver = report.row("carried_over");
    assertTrue(carriedOver.complete());
    carriedOver.cells().forEach((column, value) -> assertEquals(0L, value, column));
  }

  @Test
  void shouldReadFifteenZerosWhenAppealsTableIsPrinted() {
    assertEquals(List.of("reconsideration", "litigation_direct", "litigation_after_reconsideration"),
        List.copyOf(report.appeals().keySet()));
    int cells = 0;
    for (Map<String, Long> block : report.appeals().values()) {
      assertEquals(List.of("upheld", "corrected", "other", "pending", "total"), List.copyOf(block.keySet()));
      for (Long value : block.values()) {
        assertEquals(0L, value);
        cells++;
      }
    }
    assertEquals(15, cells);
  }

  @Test
  void shouldKeepShortRowsAsPublishedWhenFiveOfSevenCellsArePrinted() {
    List<Executable> checks = new ArrayList<>();
    for (String key : SHORT_ROWS) {
      ImportedRow row = report.row(key);
      checks.add(() -> assertTrue(row.found(), key));
      checks.add(() -> assertFalse(row.complete(), key));
      checks.add(() -> assertEquals(5, row.published().size(), key));
      checks.add(() -> assertEquals(APPLICANTS, row.missingColumns(), key + ": no applicant cell is guessed"));
      checks.add(() -> assertEquals(Set.of("total"), row.positional(), key));
    }
    assertAll(checks);
    assertEquals(List.of(0L, 0L, 0L, 0L, 1L), report.row("granted").numbers());
    assertEquals(1L, report.request("granted", "total"));
    assertEquals(List.of(0L, 0L, 0L, 0L, 0L), report.row("carried_forward").numbers());
    assertEquals(0L, report.request("carried_forward", "total"));
    // （七）总计: four cells printed empty, then 1
    assertEquals(Arrays.asList(null, null, null, null, 1L), report.row("concluded_total").numbers());
    assertEquals(1L, report.request("concluded_total", "total"));
  }

  @Test
  void shouldListEachShortRowAsProblemWhenSeedIsImported() {
    List<Problem> unread = report.problems().stream().filter(p -> p.kind() == Problem.Kind.UNREAD).toList();
    assertEquals(SHORT_ROWS.stream().map(r -> "requests." + r).toList(), unread.stream().map(Problem::where).toList());
    Problem granted = unread.get(0);
    assertEquals(132, granted.line());
    assertTrue(granted.message().startsWith("5 of 7 cells printed: [0, 0, 0, 0, 1]"), granted.message());
    assertEquals(APPLICANTS.stream().map(c -> CellRef.request("granted", c)).toList(), granted.cells());
    Problem total = unread.get(RESULTS.size());
    assertTrue(total.message().startsWith("5 of 7 cells printed: [(empty), (empty), (empty), (empty), 1]"),
        total.message());
  }

  @Test
  void shouldFindNoViolationWhenSeedIsChecked() {
    assertEquals(List.of(), report.violations());
  }

  @Test
  void shouldCheckR1OnlyOnTotalColumnWhenShortRowsLackApplicantCells() {
    // 1 + 0 = 1 + 0, with （七）总计 and 结转下年度 read by the position of their last cell
    Check total = check(report.checks(), "R1", "total");
    assertEquals(Check.Status.HOLDS, total.status(), total.message());
    assertEquals(List.of(CellRef.request("concluded_total", "total"), CellRef.request("carried_forward", "total")),
        total.positional());
    for (String column : APPLICANTS) {
      Check r1 = check(report.checks(), "R1", column);
      assertEquals(Check.Status.UNCHECKED, r1.status(), r1.message());
      assertEquals(List.of(CellRef.request("concluded_total", column), CellRef.request("carried_forward", column)),
          r1.missing());
    }
  }

  @Test
  void shouldReportR2UncheckedNamingResultRowsWhenTheirApplicantCellsAreMissing() {
    for (String column : APPLICANTS) {
      Check r2 = check(report.unchecked(), "R2", column);
      List<CellRef> expected = new ArrayList<>();
      expected.add(CellRef.request("concluded_total", column));
      RESULTS.forEach(row -> expected.add(CellRef.request(row, column)));
      assertEquals(expected, r2.missing());
      assertTrue(r2.message().contains("requests.granted." + column), r2.message());
    }
    // the 总计 column: 1 = 1 + 0 + … + 0, every term read by position
    Check total = check(report.checks(), "R2", "total");
    assertEquals(Check.Status.HOLDS, total.status(), total.message());
    assertEquals(1 + RESULTS.size(), total.positional().size());
  }

  @Test
  void shouldCheckR3OnCompleteRowsAndR4OnEveryBlockWhenSeedIsChecked() {
    assertEquals(Check.Status.HOLDS, check(report.checks(), "R3", "received").status());
    assertEquals(Check.Status.HOLDS, check(report.checks(), "R3", "carried_over").status());
    for (String row : SHORT_ROWS) {
      Check r3 = check(report.checks(), "R3", row);
      assertEquals(Check.Status.UNCHECKED, r3.status(), r3.message());
      assertEquals(APPLICANTS.stream().map(c -> CellRef.request(row, c)).toList(), r3.missing());
    }
    for (String block : report.appeals().keySet()) {
      assertEquals(Check.Status.HOLDS, check(report.checks(), "R4", block).status());
    }
    assertTrue(report.checks().stream().noneMatch(c -> c.rule().equals("R5")), "no previous year given");
    // 7 R1 + 7 R2 + 23 R3 + 3 R4
    assertEquals(40, report.checks().size());
    assertEquals(6 + 6 + 21, report.unchecked().size());
  }

  @Test
  void shouldLeaveR1AndR2UncheckedWhenShortRowsAreNotReadAtAll() {
    ImportedReport strict = new ReportImporter(ReportImporter.ShortRows.NONE).read(seed);
    for (String key : SHORT_ROWS) {
      assertEquals(COLUMNS, strict.row(key).missingColumns(), key);
    }
    for (String column : COLUMNS) {
      Check r1 = check(strict.checks(), "R1", column);
      assertEquals(Check.Status.UNCHECKED, r1.status(), r1.message());
      assertEquals(Check.Status.UNCHECKED, check(strict.checks(), "R2", column).status());
    }
    assertEquals(List.of(), strict.violations());
  }

  @Test
  void shouldFindOnlyNaturalPersonGrantedWhenServedRowIsLaidOnPublishedCells() {
    ImportedRow granted = report.row("granted");
    Map<String, Long> naturalPersonGranted = row(1, 0, 0, 0, 0, 0, 1);
    List<List<String>> placements = granted.placementsMatching(naturalPersonGranted);
    assertFalse(placements.isEmpty());
    assertTrue(placements.stream().allMatch(p -> p.get(4).equals("total") && !p.contains("natural_person")),
        placements.toString());
    // the same request from a company would show its 1 in a printed cell … unless that cell was lost
    assertTrue(granted.placementsMatching(row(0, 0, 0, 0, 0, 0, 2)).isEmpty(), "2 is printed nowhere");
    assertTrue(granted.placementsMatching(row(0, 0, 0, 0, 0, 0, 0)).isEmpty(), "the printed 1 has no place");
  }

  // ---- altered copies ----

  @Test
  void shouldReportR3ViolationNamingRowAndCellsWhenReceivedTotalIsAltered() {
    ImportedReport broken = new ReportImporter().read(alterReceived("1", "0", "0", "0", "0", "0", "2"));
    Check r3 = check(broken.violations(), "R3", "received");
    assertEquals(APPLICANTS.stream().map(c -> CellRef.request("received", c)).toList(),
        r3.cells().subList(1, 7));
    assertEquals(CellRef.request("received", "total"), r3.cells().get(0));
    assertEquals(List.of(), r3.missing());
    assertTrue(r3.message().contains("requests.received.total 2"), r3.message());
    // and 2 + 0 ≠ 1 + 0 in the 总计 column
    Check r1 = check(broken.violations(), "R1", "total");
    assertEquals(2, r1.positional().size());
    assertEquals(2, broken.violations().size(), broken.violations().toString());
  }

  @Test
  void shouldReportR2ViolationWhenReadResultCellsAlreadyExceedTotalDespiteMissingCells() {
    // 予以公开 and 部分公开 printed complete with one natural person each; （七）总计 complete with 1
    String text = seed
        .replace("\t（一）予以公开\n\t0\n\t0\n\t0\n\t0\n\t1\n", "\t（一）予以公开\n" + cells(1, 0, 0, 0, 0, 0, 1))
        .replace("不记其他情形）\n\t0\n\t0\n\t0\n\t0\n\t0\n", "不记其他情形）\n" + cells(1, 0, 0, 0, 0, 0, 1))
        .replace("\t（七）总计\n\t\u00a0\n\t\u00a0\n\t\u00a0\n\t\u00a0\n\t1\n", "\t（七）总计\n" + cells(1, 0, 0, 0, 0, 0, 1));
    ImportedReport altered = new ReportImporter().read(text);
    assertTrue(altered.row("granted").complete() && altered.row("partially_granted").complete()
        && altered.row("concluded_total").complete());
    Check r2 = check(altered.violations(), "R2", "natural_person");
    assertEquals(RESULTS.size() - 2, r2.missing().size(), "the other result rows are still short");
    assertTrue(r2.message().contains("whatever the missing cells are"), r2.message());
  }

  @Test
  void shouldCheckR5AgainstPreviousYearWhenItIsGiven() {
    ImportedReport previous = new ReportImporter().read(seed.replace("南港镇2020年度", "南港镇2019年度")
        .replace("\t四、结转下年度继续办理\n\t0\n\t0\n\t0\n\t0\n\t0\n", "\t四、结转下年度继续办理\n" + cells(1, 0, 0, 0, 0, 0, 1)));
    assertEquals(2019, previous.year());
    List<Check> r5 = report.checks(previous).stream().filter(c -> c.rule().equals("R5")).toList();
    assertEquals(COLUMNS, r5.stream().map(Check::subject).toList());
    Map<String, Check.Status> status = r5.stream().collect(Collectors.toMap(Check::subject, Check::status));
    assertEquals(Check.Status.VIOLATED, status.get("natural_person"));
    assertEquals(Check.Status.VIOLATED, status.get("total"));
    assertEquals(Check.Status.HOLDS, status.get("other_org"));
    assertTrue(check(report.violations(previous), "R5", "total").message().contains("requests.carried_forward.total (2019) 1"));
    assertThrows(IllegalArgumentException.class, () -> report.checks(report), "2020 is not the year before 2020");
  }

  @Test
  void shouldRejectTextWhenNoTitleLineNamesTheYear() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReportImporter().read(seed.replace("南港镇2020年度政府信息公开工作年度报告", "南港镇报告")));
    assertTrue(e.getMessage().contains("year"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ReportImporter().read(seed.replace("南港镇2020年度", "南港镇2018年度")));
  }

  @Test
  void shouldLeaveCellNullWithProblemWhenItIsNotANumber() {
    String printed = "\t行政事业性收费\n\t0\n\t0\n";
    assertTrue(seed.contains(printed));
    ImportedReport altered = new ReportImporter().read(seed.replace(printed, "\t行政事业性收费\n\t0\n\t—\n"));
    assertEquals(0L, altered.proactive().get("fees").get("items_last_year"));
    assertNull(altered.proactive().get("fees").get("items_change"));
    Problem problem = unread(altered).get(0);
    assertEquals("proactive.fees.items_change", problem.where());
    assertEquals(List.of(CellRef.proactive("fees", "items_change")), problem.cells());
    assertEquals("—", problem.printed());
    assertTrue(problem.message().startsWith("printed '—', not a number"), problem.message());
  }

  @Test
  void shouldReadNothingOfTableFourWhenANumberIsLost() {
    String text = seed.replace("\t0\n\t0\n\t0\n\t0\n\t0\n\n\n \n五、", "\t0\n\t0\n\t0\n\t0\n\n\n \n五、");
    ImportedReport altered = new ReportImporter().read(text);
    altered.appeals().values().forEach(block -> block.values().forEach(v -> assertNull(v)));
    Problem problem = unread(altered).get(unread(altered).size() - 1);
    assertEquals("appeals", problem.where());
    assertTrue(problem.message().startsWith("14 numbers printed for 15 cells"), problem.message());
    for (String block : altered.appeals().keySet()) {
      assertEquals(5, check(altered.unchecked(), "R4", block).missing().size(), block);
    }
  }

  // ---- every row of both templates, written with the published variants ----

  @ParameterizedTest
  @ValueSource(ints = {2020, 2021})
  void shouldReadEveryCellWhenReportIsWrittenWithPublishedVariants(int year) {
    Template template = Template.forYear(year);
    Map<String, Map<String, Object>> proactive = new ProactiveTable(new TreeMap<>(), year).rows(template);
    StringBuilder text = new StringBuilder("\n[bookmark: _GoBack]某某街道办事处" + year + "年度政府信息公开工作年度报告\n")
        .append("一、总体情况\n").append("全文包括主动公开政府信息情况、收到和处理政府信息公开申请情况等。\n");
    text.append(variant(Labels.title(template, Labels.PROACTIVE))).append('\n');
    long n = 1;
    Map<String, Map<String, Object>> expectedProactive = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> row : proactive.entrySet()) {
      text.append('\t').append(Labels.section(template, row.getKey())).append("\n\n\t")
          .append(Labels.CONTENT_HEADER).append('\n');
      row.getValue().keySet().forEach(c -> text.append('\t').append(Labels.column(template, Labels.PROACTIVE, c))
          .append('\n'));
      text.append("\n\t").append(variant(Labels.row(template, Labels.PROACTIVE, row.getKey()))).append('\n');
      Map<String, Object> expected = new LinkedHashMap<>();
      for (String column : row.getValue().keySet()) {
        if (Labels.isMoney(template, Labels.PROACTIVE, column)) {
          text.append("\t1,234,500元\n");
          expected.put(column, "123.4500");
        } else {
          text.append('\t').append(n).append("件\n");
          expected.put(column, n++);
        }
      }
      text.append('\n');
      expectedProactive.put(row.getKey(), expected);
    }
    text.append(" \n").append(Labels.title(template, Labels.REQUESTS)).append('\n')
        .append("\t本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\n\t申请人情况\n\n\t\n\t自然人\n")
        .append("\t法人或其他组织\n\t合计\n\n\t\n\t\n\t商业\n企业\n\t科研\n机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t\n\n");
    Map<String, List<Long>> expectedRequests = new LinkedHashMap<>();
    List<String> previous = List.of();
    for (String key : Labels.rowKeys(template, Labels.REQUESTS)) {
      List<String> path = Labels.rowPath(template, Labels.REQUESTS, key);
      for (int i = 0; i < path.size(); i++) {
        boolean shared = i < path.size() - 1 && i < previous.size() && previous.get(i).equals(path.get(i));
        text.append('\t').append(shared ? "" : variant(path.get(i))).append('\n');
      }
      previous = path;
      List<Long> values = new ArrayList<>();
      for (int c = 0; c < 7; c++) {
        values.add(n);
        text.append('\t').append(n++).append('\n');
      }
      text.append('\n');
      expectedRequests.put(key, values);
    }
    text.append("\n \n").append(Labels.title(template, Labels.APPEALS)).append('\n')
        .append("\t行政复议\n（因政府信息公开被行政复议）\n\t行政诉讼\n（因政府信息公开被行政诉讼）\n\n");
    for (String column : Labels.columnKeys(template, Labels.APPEALS)) {
      text.append('\t').append(variant(Labels.column(template, Labels.APPEALS, column))).append('\n');
    }
    text.append("\t未经复议直接起诉\n\t复议后起诉\n\n");
    long firstAppeal = n;
    for (int i = 0; i < 15; i++) {
      text.append('\t').append(n++).append('\n');
    }
    text.append("\n\n \n五、存在的主要问题及改进情况\n无。\n");

    ImportedReport imported = new ReportImporter().read(text.toString());

    assertEquals("某某街道办事处", imported.name());
    assertEquals(template, imported.template());
    assertEquals(List.of(), unread(imported));
    // 合计, 只记, 不记, 信访投诉举报, 结果维护: read, and each said once
    assertEquals(5, imported.problems().stream().filter(p -> p.where().equals("labels")).count(),
        imported.problems().toString());
    assertEquals(expectedProactive, imported.proactive());
    expectedRequests.forEach((key, values) -> {
      assertEquals(values, List.copyOf(imported.row(key).cells().values()), key);
      assertTrue(imported.row(key).complete(), key);
    });
    long expected = firstAppeal;
    for (Map<String, Long> block : imported.appeals().values()) {
      for (Long value : block.values()) {
        assertEquals(expected++, value);
      }
    }
    assertEquals(List.of(), imported.unchecked(), "every cell was read");
  }

  /** A label as reports print it: 合计, 只记/不记, 结果维护, 信访投诉举报, 规    章, half-width brackets. */
  private static String variant(String label) {
    return label.replace("总计", "合计").replace("只计", "只记").replace("不计", "不记").replace("结果维持", "结果维护")
        .replace("信访举报投诉", "信访投诉举报").replace("规章", "规    章").replace("（", "(").replace("）", ")");
  }

  // ---- helpers ----

  /** The problems that lose cells (rule R8), not the warnings. */
  private static List<Problem> unread(ImportedReport report) {
    return report.problems().stream().filter(p -> p.kind() == Problem.Kind.UNREAD).toList();
  }

  private static Check check(List<Check> checks, String rule, String subject) {
    return checks.stream().filter(c -> c.rule().equals(rule) && c.subject().equals(subject)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " " + subject + " in " + checks));
  }

  private static String alterReceived(String... values) {
    String printed = "\t一、本年新收政府信息公开申请数量\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n";
    assertTrue(seed.contains(printed));
    return seed.replace(printed, "\t一、本年新收政府信息公开申请数量\n"
        + List.of(values).stream().map(v -> "\t" + v + "\n").collect(Collectors.joining()));
  }

  private static String cells(long... values) {
    StringBuilder out = new StringBuilder();
    for (long v : values) {
      out.append('\t').append(v).append('\n');
    }
    return out.toString();
  }

  private static Map<String, Long> row(long... values) {
    Map<String, Long> row = new LinkedHashMap<>();
    for (int i = 0; i < COLUMNS.size(); i++) {
      row.put(COLUMNS.get(i), values[i]);
    }
    return row;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
