package org.gongkai.streams.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Labels: every key of a built report has its official label, in the notices' wording. */
class LabelsTest {

  private static Report zeros(int year) {
    return ReportBuilder.build("360923105", year, new TreeMap<>());
  }

  @ParameterizedTest
  @ValueSource(ints = {2020, 2021})
  void shouldLabelEveryRowAndColumnWhenReportIsBuilt(int year) {
    Report report = zeros(year);
    Template template = Labels.template(report.template());
    List<Executable> checks = new ArrayList<>();
    checks.addAll(labelChecks(template, Labels.PROACTIVE, report.proactive()));
    checks.addAll(labelChecks(template, Labels.REQUESTS, report.requests().rows()));
    checks.addAll(labelChecks(template, Labels.APPEALS, report.appeals()));
    report.proactive().keySet().forEach(row ->
        checks.add(() -> assertFalse(Labels.section(template, row).isBlank(), "section of " + row)));
    assertAll(checks);
  }

  private static List<Executable> labelChecks(Template template, String table, Map<String, ? extends Map<String, ?>> rows) {
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertFalse(Labels.title(template, table).isBlank(), "title of " + table));
    rows.forEach((row, columns) -> {
      checks.add(() -> assertFalse(Labels.row(template, table, row).isBlank(), table + " row " + row));
      columns.keySet().forEach(column -> checks.add(() ->
          assertFalse(Labels.column(template, table, column).isBlank(), table + " column " + column)));
    });
    return checks;
  }

  @ParameterizedTest
  @ValueSource(ints = {2019, 2020, 2021, 2024})
  void shouldListRowKeysInReportOrderWhenTemplateOfYear(int year) {
    Report report = zeros(year);
    Template template = Labels.template(report.template());

    assertEquals(List.copyOf(report.proactive().keySet()), Labels.rowKeys(template, Labels.PROACTIVE));
    assertEquals(List.copyOf(report.requests().rows().keySet()), Labels.rowKeys(template, Labels.REQUESTS));
    assertEquals(List.copyOf(report.appeals().keySet()), Labels.rowKeys(template, Labels.APPEALS));
  }

  @ParameterizedTest
  @ValueSource(ints = {2020, 2021})
  void shouldListColumnKeysInReportOrderWhenTableHasFixedColumns(int year) {
    Report report = zeros(year);
    Template template = Labels.template(report.template());

    assertEquals(List.copyOf(report.requests().rows().get("received").keySet()),
        Labels.columnKeys(template, Labels.REQUESTS));
    assertEquals(List.copyOf(report.appeals().get("reconsideration").keySet()),
        Labels.columnKeys(template, Labels.APPEALS));
  }

  @Test
  void shouldUseNoticeWordingWhenReferenceReportHasTypos() {
    assertEquals("结果维持", Labels.column(Template.T2019, Labels.APPEALS, "upheld"));
    assertEquals("三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        Labels.row(Template.T2019, Labels.REQUESTS, "partially_granted"));
    assertEquals("总计", Labels.column(Template.T2019, Labels.REQUESTS, "total"));
  }

  @Test
  void shouldKeepOtherAsOneRowWhenTemplateIs2019() {
    assertEquals(List.of("三、本年度办理结果", "（六）其他处理"),
        Labels.rowPath(Template.T2019, Labels.REQUESTS, "other"));
    assertThrows(IllegalArgumentException.class,
        () -> Labels.row(Template.T2019, Labels.REQUESTS, "other_unpaid_fee"));
  }

  @Test
  void shouldSplitOtherIntoThreeRowsWhenTemplateIs2021() {
    assertEquals("（六）其他处理", Labels.rowPath(Template.T2021, Labels.REQUESTS, "other_overdue_correction").get(1));
    assertEquals("（六）其他处理", Labels.rowPath(Template.T2021, Labels.REQUESTS, "other_unpaid_fee").get(1));
    assertEquals(List.of("三、本年度办理结果", "（六）其他处理", "3.其他"),
        Labels.rowPath(Template.T2021, Labels.REQUESTS, "other"));
  }

  @Test
  void shouldGroupWithheldRowsWhenLabelPathIsRead() {
    assertEquals(List.of("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
        Labels.rowPath(Template.T2019, Labels.REQUESTS, "withheld_security_stability"));
  }

  @Test
  void shouldGroupOrgColumnsWhenLabelPathIsRead() {
    assertEquals(List.of("法人或其他组织", "商业企业"),
        Labels.columnPath(Template.T2021, Labels.REQUESTS, "commercial_enterprise"));
    assertEquals(List.of("自然人"), Labels.columnPath(Template.T2021, Labels.REQUESTS, "natural_person"));
  }

  @Test
  void shouldGroupLitigationBlocksWhenLabelPathIsRead() {
    assertEquals(List.of("行政诉讼", "复议后起诉"),
        Labels.rowPath(Template.T2019, Labels.APPEALS, "litigation_after_reconsideration"));
    assertEquals(List.of("行政复议"), Labels.rowPath(Template.T2019, Labels.APPEALS, "reconsideration"));
  }

  @Test
  void shouldPlaceProactiveRowsInArticle20SectionsWhenTemplateIs2019() {
    assertEquals("第二十条第（一）项", Labels.section(Template.T2019, "normative_documents"));
    assertEquals("第二十条第（五）项", Labels.section(Template.T2019, "other_services"));
    assertEquals("第二十条第（六）项", Labels.section(Template.T2019, "coercion"));
    assertEquals("第二十条第（八）项", Labels.section(Template.T2019, "fees"));
    assertEquals("第二十条第（九）项", Labels.section(Template.T2019, "procurement"));
  }

  @Test
  void shouldUse2021WordingWhenTemplateIs2021() {
    assertEquals("行政规范性文件", Labels.row(Template.T2021, Labels.PROACTIVE, "normative_documents"));
    assertEquals("规范性文件", Labels.row(Template.T2019, Labels.PROACTIVE, "normative_documents"));
    assertEquals("本年制发件数", Labels.column(Template.T2021, Labels.PROACTIVE, "issued"));
    assertEquals("本年处理决定数量", Labels.column(Template.T2021, Labels.PROACTIVE, "decisions"));
    assertEquals("处理决定数量", Labels.column(Template.T2019, Labels.PROACTIVE, "decisions"));
  }

  @Test
  void shouldMarkAmountAsMoneyWhenTableIsProactive() {
    assertTrue(Labels.isMoney(Template.T2019, Labels.PROACTIVE, "amount"));
    assertFalse(Labels.isMoney(Template.T2019, Labels.PROACTIVE, "projects"));
    assertEquals("采购总金额（万元）", Labels.columnWithUnit(Template.T2019, Labels.PROACTIVE, "amount"));
    assertEquals("本年收费金额（单位：万元）", Labels.columnWithUnit(Template.T2021, Labels.PROACTIVE, "amount"));
  }

  @Test
  void shouldTitleTheThreeTablesWhenAsked() {
    assertEquals("二、主动公开政府信息情况", Labels.title(Template.T2021, Labels.PROACTIVE));
    assertEquals("三、收到和处理政府信息公开申请情况", Labels.title(Template.T2021, Labels.REQUESTS));
    assertEquals("四、政府信息公开行政复议、行政诉讼情况", Labels.title(Template.T2021, Labels.APPEALS));
  }

  @Test
  void shouldRejectKeyWhenTemplateHasNoSuchColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Labels.column(Template.T2021, Labels.PROACTIVE, "made"));
    assertTrue(e.getMessage().contains("made"), e.getMessage());
  }

  @Test
  void shouldRejectTableWhenNameIsUnknown() {
    assertThrows(IllegalArgumentException.class, () -> Labels.title(Template.T2019, "summary"));
  }

  @Test
  void shouldFindTemplateWhenGivenItsJsonKey() {
    assertEquals(Template.T2021, Labels.template("2021"));
    assertThrows(IllegalArgumentException.class, () -> Labels.template("2017"));
  }

  @Test
  void shouldNameStatusWhenOpenOrFinal() {
    assertEquals("未定稿", Labels.status(Report.OPEN));
    assertEquals("已定稿", Labels.status(Report.FINAL));
  }
}
