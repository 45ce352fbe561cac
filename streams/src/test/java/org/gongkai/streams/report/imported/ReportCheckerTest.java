package org.gongkai.streams.report.imported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gongkai.streams.report.Identities;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReportChecker} on the reference report and on texts in the shapes real reports are
 * published in (src/test/resources/published/README.md says what each one exercises and which
 * faults it carries): every seeded violation is found, with its cells, and nothing else.
 */
class ReportCheckerTest {
  static final Path SEED = Path.of("..", "seeds", "000_713aac75e110bc97.txt");
  static final Path PUBLISHED = Path.of("src", "test", "resources", "published");
  static final List<String> APPLICANTS = List.of("natural_person", "commercial_enterprise", "research_institution",
      "public_interest_org", "legal_service_org", "other_org");

  // ---- the reference report ----

  @Test
  void shouldFindLostCellsAndReadProcurementWhenReferenceReportIsChecked() throws IOException {
    ReportCheck check = ReportChecker.check(Files.readAllBytes(SEED));
    assertEquals(2020, check.year());
    assertEquals("南港镇", check.body());
    assertEquals("2019", check.template());
    assertEquals("2019", check.templateExpected());
    assertEquals(177L, check.report().proactive().get("procurement").get("projects"));
    assertEquals("145.6381", check.report().proactive().get("procurement").get("amount"));
    // the 19 result rows, （七）总计 and 结转下年度 keep 5 of 7 cells: their applicant cells are lost
    List<String> shortRows = new ArrayList<>(Identities.resultRows(Template.T2019));
    shortRows.add("concluded_total");
    shortRows.add("carried_forward");
    List<String> expected = shortRows.stream()
        .map(row -> "R8 " + APPLICANTS.stream().map(c -> "requests." + row + "." + c).toList()).toList();
    assertEquals(expected, signatures(check));
    for (String row : shortRows) {
      Map<String, Long> cells = check.report().requests().rows().get(row);
      APPLICANTS.forEach(c -> assertNull(cells.get(c), row + "." + c + " is not guessed"));
    }
    assertEquals(1L, check.report().requests().rows().get("received").get("natural_person"));
    assertTrue(warned(check, "合计") && warned(check, "结果维护"), check.warnings().toString());
    assertFalse(check.clean());
  }

  // ---- the shapes ----

  @Test
  void shouldFindResultRowsSumAndStatedAppealWhenCellsAreBetweenPipes() throws IOException {
    ReportCheck check = check("a-pipes-2020.txt");
    assertEquals(List.of(r2("natural_person"), r2("total"), "R7 [appeals.reconsideration.total]"), signatures(check));
    ReportCheck.Violation sum = check.violations().get(1);
    assertEquals(21L, sum.expected());
    assertEquals(27L, sum.found());
    assertTrue(sum.message().contains("（七）总计") && sum.messageEn().contains("sum to 27"), sum.message());
    assertEquals("12.5000", check.report().proactive().get("procurement").get("amount"));
    assertTrue(warned(check, "a guess"), check.warnings().toString());
    assertTrue(warned(check, "结果维护") && warned(check, "合计"));
    assertEquals("平安镇", check.body());
  }

  @Test
  void shouldFindBlankTotalsAndStatedReceivedWhenCellsAreSeparatedByTabs() throws IOException {
    ReportCheck check = check("b-tabs-2021.txt");
    List<String> expected = new ArrayList<>();
    expected.add("R7 [requests.received.total, " + String.join(", ",
        APPLICANTS.stream().map(c -> "requests.received." + c).toList()) + "]");
    Labels.rowKeys(Template.T2021, Labels.REQUESTS).forEach(row -> expected.add("R8 [requests." + row + ".total]"));
    assertEquals(expected, signatures(check));
    ReportCheck.Violation received = check.violations().get(0);
    assertEquals(258L, received.expected());
    assertEquals(275L, received.found());
    assertEquals("2021", check.template());
    assertEquals(250L, check.report().requests().rows().get("received").get("natural_person"));
  }

  @Test
  void shouldFindMarkersAndAppealSumWhenOneCellIsPrintedPerLine() throws IOException {
    ReportCheck check = check("c-one-per-line-2020.txt");
    assertEquals(List.of(
        "R4 [appeals.reconsideration.total, appeals.reconsideration.upheld, appeals.reconsideration.corrected, "
            + "appeals.reconsideration.other, appeals.reconsideration.pending]",
        "R8 [proactive.licensing.decisions]", "R8 [proactive.fees.items_last_year]", "R8 [proactive.fees.items_change]"),
        signatures(check));
    assertEquals(List.of("/", "-", "—"), check.violations().subList(1, 4).stream().map(ReportCheck.Violation::found).toList());
    assertEquals(177L, check.report().proactive().get("procurement").get("projects"));
    assertEquals("145.6381", check.report().proactive().get("procurement").get("amount"), "1,456,381.00元");
    assertEquals("上高县南港镇人民政府", check.body());
    assertEquals(2L, check.report().requests().rows().get("granted").get("natural_person"));
  }

  @Test
  void shouldCutRunTogetherCellsTheIdentitiesAllowAndListAmbiguousOnes() throws IOException {
    ReportCheck check = check("d-pdf-text-run-together-2019.txt");
    assertEquals(List.of(r2("total"),
        "R3 [requests.partially_granted.total, " + String.join(", ",
            APPLICANTS.stream().map(c -> "requests.partially_granted." + c).toList()) + "]",
        "R8 [proactive.normative_documents.made, proactive.normative_documents.published, "
            + "proactive.normative_documents.total_published]"), signatures(check));
    Map<String, Map<String, Long>> rows = check.report().requests().rows();
    assertEquals(List.of(64L, 0L, 0L, 2L, 0L, 4L, 70L), List.copyOf(rows.get("received").values()));
    // R3 allows 1 10 0 0 0 1 12 too; R1 (nothing carried over, no company concluded) does not
    assertEquals(List.of(11L, 0L, 0L, 0L, 0L, 1L, 12L), List.copyOf(rows.get("carried_forward").values()));
    assertEquals(1, check.ambiguous().size());
    ReportCheck.Ambiguity ambiguous = check.ambiguous().get(0);
    assertEquals(List.of(Map.of("made", 1L, "published", 0L, "total_published", 10L),
        Map.of("made", 10L, "published", 1L, "total_published", 0L)), ambiguous.candidates());
    check.report().proactive().get("normative_documents").values().forEach(v -> assertNull(v, "no guess"));
    check.report().appeals().values().forEach(block -> block.values().forEach(v -> assertEquals(0L, v)));
    assertEquals("35.2000", check.report().proactive().get("procurement").get("amount"));
    assertEquals("东湖街道办事处", check.body());
    assertEquals(2019, check.year());
  }

  @Test
  void shouldReadMergedCellsAndCheckAgainstLastYearWhenReportIsHtml() throws IOException {
    String html = Files.readString(PUBLISHED.resolve("e-merged-cells-2022.html"));
    String lastYear = Files.readString(PUBLISHED.resolve("e-word-export-2021.txt"));
    assertEquals(List.of(), ReportChecker.check(lastYear).violations(), "last year's report is clean");
    ReportCheck alone = ReportChecker.check(html);
    assertEquals(List.of("R8 [proactive.fees.amount, requests.other_unpaid_fee.total]"), signatures(alone));
    ReportCheck check = ReportChecker.check(html, lastYear);
    assertEquals(List.of("R5 [requests.carried_over.natural_person, requests.carried_forward.natural_person]",
        "R5 [requests.carried_over.total, requests.carried_forward.total]",
        "R6 [proactive.normative_documents.in_force, proactive.normative_documents.in_force, "
            + "proactive.normative_documents.issued, proactive.normative_documents.repealed]",
        "R8 [proactive.fees.amount, requests.other_unpaid_fee.total]"), signatures(check));
    ReportCheck.Violation r6 = check.violations().get(2);
    assertEquals(12L, r6.expected());
    assertEquals(11L, r6.found());
    assertTrue(r6.messageEn().contains("(2021) 10"), r6.messageEn());
    assertEquals("3.2000", check.report().proactive().get("fees").get("amount"));
    assertEquals(List.of(6L, 1L, 0L, 0L, 0L, 0L, 7L), List.copyOf(check.report().requests().rows().get("granted").values()));
    assertEquals("和平乡", check.body());
  }

  @Test
  void shouldFindTemplateOfAnotherYearWhenLabelsAreOf2019() throws IOException {
    ReportCheck check = check("f-template-mismatch-2021.txt");
    assertEquals(List.of("R8 []"), signatures(check));
    assertEquals("2021", check.violations().get(0).expected());
    assertEquals("2019", check.violations().get(0).found());
    assertEquals("2019", check.template());
    assertEquals("2021", check.templateExpected());
    assertEquals(23, check.report().requests().rows().size(), "read with the labels printed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"145.6381万元|145.6381|", "1456381元|145.6381|", "1,456,381.00元|145.6381|",
      "145.638万元|145.6380|", "1456381.5元|145.6382|rounded", "145.63805万元|145.6381|rounded", "0.0001万元|0.0001|"})
  void shouldReadMoneyExactlyWhenPrintedInYuanOrWanWithAnyDecimals(String example) throws IOException {
    String[] parts = example.split("\\|", -1);
    String seed = Files.readString(SEED).replace("145.6381万元", parts[0]);
    ReportCheck check = ReportChecker.check(seed);
    assertEquals(parts[1], check.report().proactive().get("procurement").get("amount"), parts[0]);
    assertEquals(!parts[2].isEmpty(), warned(check, "rounded"), "a rounding is a warning: " + check.warnings());
  }

  @Test
  void shouldReadFiguresStatedInWordsWhenTextUsesChineseNumerals() {
    assertEquals(12L, StatedFigures.number("十二"));
    assertEquals(105L, StatedFigures.number("一百零五"));
    assertEquals(20L, StatedFigures.number("二十"));
    assertEquals(2L, StatedFigures.number("两"));
    assertEquals(3010L, StatedFigures.number("三千零一十"));
    List<StatedFigures.Stated> stated = StatedFigures.find("全年共受理政府信息公开申请十二件（含上年结转2件），办结十件；未发生行政复议。", 7);
    assertEquals(List.of("收到申请 12", "上年结转 2", "办结/答复 10", "行政复议 0"),
        stated.stream().map(s -> s.phrase() + " " + s.value()).toList());
    assertEquals(List.of(), StatedFigures.find("因政府信息公开被申请行政复议、提起行政诉讼共3件。", 1),
        "one figure for both kinds of appeal: which is which cannot be told");
  }

  // ---- not a report ----

  @Test
  void shouldRefuseTextWithoutTitleOrTables() {
    NotAReport noTitle = assertThrows(NotAReport.class, () -> ReportChecker.check("今天天气很好，我们去公园散步。\n"));
    assertEquals(NotAReport.Reason.NOT_A_REPORT, noTitle.reason());
    assertTrue(noTitle.getMessage().contains("title"), noTitle.getMessage());
    NotAReport noTables = assertThrows(NotAReport.class,
        () -> ReportChecker.check("某镇2020年度政府信息公开工作年度报告\n一、总体情况\n我镇认真贯彻落实条例。\n"));
    assertEquals(NotAReport.Reason.NOT_A_REPORT, noTables.reason());
    assertEquals(NotAReport.Reason.NOT_A_REPORT, assertThrows(NotAReport.class, () -> ReportChecker.check("")).reason());
    assertEquals(NotAReport.Reason.NOT_A_REPORT, assertThrows(NotAReport.class,
        () -> ReportChecker.check("某镇2017年度政府信息公开工作年度报告\n")).reason());
  }

  @Test
  void shouldSayTruncatedWhenTextStopsInsideItsTables() throws IOException {
    String a = Files.readString(PUBLISHED.resolve("a-pipes-2020.txt"));
    NotAReport inTableThree = assertThrows(NotAReport.class,
        () -> ReportChecker.check(a.substring(0, a.indexOf("（四）无法提供"))));
    assertEquals(NotAReport.Reason.TRUNCATED, inTableThree.reason());
    assertTrue(inTableThree.getMessage().contains("四、政府信息公开行政复议、行政诉讼情况"), inTableThree.getMessage());
    String c = Files.readString(PUBLISHED.resolve("c-one-per-line-2020.txt"));
    String cut = c.substring(0, c.indexOf("五、存在的主要问题")).replaceFirst("(?s)0\n0\n0\n\n$", "\n");
    NotAReport inTableFour = assertThrows(NotAReport.class, () -> ReportChecker.check(cut));
    assertEquals(NotAReport.Reason.TRUNCATED, inTableFour.reason());
    assertTrue(inTableFour.getMessage().contains("inside"), inTableFour.getMessage());
    // ending right after table 四 is no truncation, whatever its cells hold
    String whole = c.substring(0, c.indexOf("五、存在的主要问题")).replaceFirst("(?s)0\n0\n0\n\n$", "0\n0\n—\n\n");
    assertEquals(List.of("R4", "R8", "R8", "R8", "R8"),
        ReportChecker.check(whole).violations().stream().map(ReportCheck.Violation::rule).toList());
  }

  @Test
  void shouldRefuseBytesThatAreNotUtf8SayingWhere() throws IOException {
    byte[] gbk = Files.readString(PUBLISHED.resolve("a-pipes-2020.txt")).getBytes(Charset.forName("GBK"));
    NotAReport e = assertThrows(NotAReport.class, () -> ReportChecker.check(gbk));
    assertEquals(NotAReport.Reason.NOT_UTF8, e.reason());
    assertTrue(e.getMessage().contains("(line 1)") && e.getMessage().contains("GB18030"), e.getMessage());
  }

  @Test
  void shouldRefuseTextAboveTheCapWithoutReadingIt() throws IOException {
    String a = Files.readString(PUBLISHED.resolve("a-pipes-2020.txt"));
    String huge = a + "附：\n" + "无。\n".repeat(ReportChecker.MAX_BYTES / 6);
    assertTrue(huge.getBytes(StandardCharsets.UTF_8).length > ReportChecker.MAX_BYTES);
    assertEquals(NotAReport.Reason.TOO_LARGE, assertThrows(NotAReport.class, () -> ReportChecker.check(huge)).reason());
    assertEquals(NotAReport.Reason.TOO_LARGE,
        assertThrows(NotAReport.class, () -> ReportChecker.check(huge.getBytes(StandardCharsets.UTF_8))).reason());
  }

  /** Every prefix of a report is checked or refused with a reason; nothing else ever escapes. */
  @ParameterizedTest
  @ValueSource(strings = {"a-pipes-2020.txt", "e-merged-cells-2022.html", "d-pdf-text-run-together-2019.txt"})
  void shouldAnswerOrRefuseWhenTextIsCutAnywhere(String file) throws IOException {
    String text = Files.readString(PUBLISHED.resolve(file));
    int checked = 0;
    for (int end = 0; end <= text.length(); end += 37) {
      String prefix = text.substring(0, end);
      try {
        ReportChecker.check(prefix);
        checked++;
      } catch (NotAReport refused) {
        assertFalse(refused.getMessage().isBlank());
      }
    }
    ReportChecker.check(text);
    assertTrue(checked < text.length() / 37, "most prefixes are refused as truncated or not a report");
  }

  // ---- helpers ----

  private static ReportCheck check(String file) throws IOException {
    return ReportChecker.check(Files.readAllBytes(PUBLISHED.resolve(file)));
  }

  /** "R2 [cells…]" for each violation, in the checker's order. */
  private static List<String> signatures(ReportCheck check) {
    return check.violations().stream().map(v -> v.rule() + " " + v.cells()).toList();
  }

  /** R2 in a column: 总计 and the 19 result rows of template 2019. */
  private static String r2(String column) {
    return "R2 " + Stream.concat(Stream.of("concluded_total"), Identities.resultRows(Template.T2019).stream())
        .map(row -> "requests." + row + "." + column).toList();
  }

  private static boolean warned(ReportCheck check, String text) {
    return check.warnings().stream().anyMatch(w -> w.message().contains(text) || w.messageEn().contains(text));
  }
}
