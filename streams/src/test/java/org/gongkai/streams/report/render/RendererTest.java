package org.gongkai.streams.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.state.YearTally;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.tally.Tallies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTML, text and CSV renderings of 2019-template (2020) and 2021-template reports. */
class RendererTest {
  private static final String TOWN = "360923105";
  private static final String TITLE = "南港镇2020年度政府信息公开工作年度报告（统计表）";

  private final HtmlRenderer html = new HtmlRenderer();
  private final TextRenderer text = new TextRenderer();
  private final CsvRenderer csv = new CsvRenderer();

  /**
   * A year with figures that can be told apart: 3 natural persons and 2 enterprises applied, one
   * person's request was granted, both enterprises' were withheld as process information, 177
   * procurement projects worth 1,456,381.00 元, 7 reconsiderations pending, 4 direct suits
   * corrected, 2 other-processing outcomes of each 2021 kind (one for the unpaid fee).
   */
  private static Report report(int year, boolean closed) {
    YearTally tally = Tallies.empty();
    tally.getReceived().set(Applicant.natural_person.ordinal(), 3L);
    tally.getReceived().set(Applicant.commercial_enterprise.ordinal(), 2L);
    tally.getConcluded().set(Tallies.concludedIndex(Outcome.granted, Applicant.natural_person), 1L);
    tally.getConcluded().set(Tallies.concludedIndex(Outcome.withheld_process_info, Applicant.commercial_enterprise), 2L);
    tally.getConcluded().set(Tallies.concludedIndex(Outcome.other_unpaid_fee, Applicant.natural_person), 1L);
    tally.setProcurementProjects(177L);
    tally.setProcurementFen(145_638_100L);
    tally.setFeesFen(120_000_00L);
    tally.getAppealsFiled().set(AppealKind.reconsideration.ordinal(), 7L);
    tally.getAppealsFiled().set(AppealKind.litigation_direct.ordinal(), 4L);
    tally.getAppealsDecided().set(Tallies.decidedIndex(AppealKind.litigation_direct, AppealResult.corrected), 4L);
    tally.setFinalTowns(closed ? 1L : 0L);
    TreeMap<Integer, YearTally> years = new TreeMap<>();
    years.put(year, tally);
    return ReportBuilder.build(TOWN, year, years);
  }

  /** The cells of the one HTML table row (one per line) that holds {@code label}. */
  private static List<String> htmlCells(String page, String label) {
    String line = page.lines().filter(l -> l.startsWith("<tr>") && l.contains(">" + label + "<"))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + label));
    List<String> cells = new ArrayList<>();
    for (String part : line.split("<td[^>]*>")) {
      if (part.contains("</td>")) {
        cells.add(part.substring(0, part.indexOf("</td>")));
      }
    }
    return cells;
  }

  // ---- HTML ----

  @Test
  void shouldRenderOfficialLabelsWhenHtmlOf2020Report() {
    String page = html.render(report(2020, false), TITLE);

    for (String label : List.of("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "第二十条第（一）项", "第二十条第（九）项", "信息内容",
        "本年新制作数量", "规范性文件", "其他对外管理服务事项", "政府集中采购", "一、本年新收政府信息公开申请数量",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3.危及“三安全一稳定”", "（六）其他处理",
        "（七）总计", "四、结转下年度继续办理", "结果维持", "尚未审结")) {
      assertTrue(page.contains(">" + label + "<"), "missing " + label);
    }
  }

  @Test
  void shouldGroupApplicantColumnsWhenHtmlRendersTable3() {
    String page = html.render(report(2020, false), TITLE);

    assertTrue(page.contains("<th colspan=\"7\">申请人情况</th>"), page);
    assertTrue(page.contains("<th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th>"));
    assertTrue(page.contains("<th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th>"));
    assertTrue(page.contains("colspan=\"3\" rowspan=\"3\">" + HtmlRenderer.esc(Labels.REQUESTS_NOTE) + "</th>"));
  }

  @Test
  void shouldSpanGroupRowsWhenHtmlRendersTable3() {
    String page = html.render(report(2020, false), TITLE);

    assertTrue(page.contains("<th class=\"row\" rowspan=\"20\">三、本年度办理结果</th>"), "granted … 总计 is 20 rows in 2019");
    assertTrue(page.contains("<th class=\"row\" rowspan=\"8\">（三）不予公开</th>"));
    assertTrue(page.contains("<th class=\"row\" rowspan=\"3\">（四）无法提供</th>"));
    assertTrue(page.contains("<th class=\"row\" rowspan=\"5\">（五）不予处理</th>"));
    assertTrue(page.contains("<th class=\"row\" colspan=\"2\">（六）其他处理</th>"));
    assertTrue(page.contains("<th class=\"row\" colspan=\"3\">一、本年新收政府信息公开申请数量</th>"));
  }

  @Test
  void shouldGroupLitigationColumnsWhenHtmlRendersTable4() {
    String page = html.render(report(2020, false), TITLE);

    assertTrue(page.contains("<tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>"));
    assertTrue(page.contains("<th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th>"));
    assertEquals(List.of("0", "0", "0", "7", "7", "0", "4", "0", "0", "4", "0", "0", "0", "0", "0"),
        htmlCells(page.substring(page.indexOf("class=\"appeals\"")), "0"));
  }

  @Test
  void shouldShowFiguresWhenHtmlOf2020Report() {
    String page = html.render(report(2020, false), TITLE);

    assertEquals(List.of("3", "2", "0", "0", "0", "0", "5"), htmlCells(page, "一、本年新收政府信息公开申请数量"));
    assertEquals(List.of("0", "2", "0", "0", "0", "0", "2"), htmlCells(page, "6.属于四类过程性信息"));
    assertEquals(List.of("1", "0", "0", "0", "0", "0", "1"), htmlCells(page, "（六）其他处理"));
    assertEquals(List.of("177", "145.6381万元"), htmlCells(page, "政府集中采购"));
  }

  @Test
  void shouldShowStatusWhenReportIsOpenOrFinal() {
    assertTrue(html.render(report(2020, false), TITLE).contains("未定稿（open）"));
    assertTrue(html.render(report(2020, true), TITLE).contains("已定稿（final）"));
  }

  @Test
  void shouldBeCompleteUtf8PageWhenHtmlRendered() {
    String page = html.render(report(2020, false), TITLE);

    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("<meta charset=\"utf-8\">"));
    assertTrue(page.contains("<h1>" + TITLE + "</h1>"));
    assertTrue(page.trim().endsWith("</html>"));
    assertEquals("text/html; charset=utf-8", html.contentType());
  }

  @Test
  void shouldRenderOtherAsThreeRowsWhenHtmlOf2021Report() {
    String page = html.render(report(2021, false), "南港镇2021年度政府信息公开工作年度报告（统计表）");

    assertTrue(page.contains("<th class=\"row\" rowspan=\"3\">（六）其他处理</th>"));
    assertEquals(List.of("1", "0", "0", "0", "0", "0", "1"),
        htmlCells(page, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"));
    assertTrue(page.contains(">1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请<"));
    assertTrue(page.contains(">3.其他<"));
    assertTrue(page.contains("<th class=\"row\" rowspan=\"22\">三、本年度办理结果</th>"));
  }

  @Test
  void shouldRender2021ProactiveLabelsWhenHtmlOf2021Report() {
    String page = html.render(report(2021, false), TITLE);

    for (String label : List.of("行政规范性文件", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
        "本年收费金额（单位：万元）")) {
      assertTrue(page.contains(">" + label + "<"), "missing " + label);
    }
    assertFalse(page.contains("政府集中采购"));
    assertEquals(List.of("12.0000万元"), htmlCells(page, "行政事业性收费"));
  }

  @Test
  void shouldEscapeTitleWhenItContainsScript() {
    String page = html.render(report(2020, false), "<script>alert('x&y')</script>");

    assertFalse(page.contains("<script>"));
    assertTrue(page.contains("<h1>&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;</h1>"));
  }

  // ---- text ----

  @Test
  void shouldListRowsInTemplateOrderWhenTextRendered() {
    Report report = report(2020, false);
    String out = text.render(report, TITLE);

    int at = 0;
    for (String table : Labels.TABLES) {
      at = out.indexOf(Labels.title(Labels.template("2019"), table), at);
      assertTrue(at >= 0, table);
    }
    at = out.indexOf("三、收到和处理政府信息公开申请情况");
    for (String row : report.requests().rows().keySet()) {
      List<String> path = Labels.rowPath(Labels.template("2019"), Labels.REQUESTS, row);
      int next = out.indexOf(path.get(path.size() - 1), at);
      assertTrue(next > at, row + " after the row before it");
      at = next;
    }
  }

  @Test
  void shouldPutRowCellsOnOneLineWhenTextRendered() {
    String out = text.render(report(2020, false), TITLE);

    assertTrue(out.lines().anyMatch(("一、本年新收政府信息公开申请数量  自然人 3  商业企业 2  科研机构 0  社会公益组织 0"
        + "  法律服务机构 0  其他 0  总计 5")::equals), out);
    assertTrue(out.lines().anyMatch("  政府集中采购  采购项目数量 177  采购总金额 145.6381万元"::equals), out);
    assertTrue(out.lines().anyMatch("    6.属于四类过程性信息  自然人 0  商业企业 2  科研机构 0  社会公益组织 0"
        .concat("  法律服务机构 0  其他 0  总计 2")::equals), out);
  }

  @Test
  void shouldPrintGroupHeaderOnceWhenRowsShareIt() {
    String out = text.render(report(2020, false), TITLE);

    assertEquals(1, out.lines().filter("  （三）不予公开"::equals).count());
    assertEquals(1, out.lines().filter("第二十条第（一）项"::equals).count());
    assertEquals(1, out.lines().filter("行政诉讼"::equals).count());
    assertTrue(out.lines().anyMatch("  未经复议直接起诉  结果维持 0  结果纠正 4  其他结果 0  尚未审结 0  总计 4"::equals));
  }

  @Test
  void shouldListThreeOtherRowsWhenTextOf2021Report() {
    String out = text.render(report(2021, true), TITLE);

    assertTrue(out.lines().anyMatch("  （六）其他处理"::equals));
    assertTrue(out.lines().anyMatch(l -> l.startsWith("    2.申请人逾期未按收费通知要求缴纳费用") && l.endsWith("总计 1")));
    assertTrue(out.lines().anyMatch(l -> l.startsWith("    3.其他  ")));
    assertTrue(out.lines().anyMatch("  行政事业性收费  本年收费金额（单位：万元） 12.0000万元"::equals));
    assertTrue(out.contains("状态：已定稿（final）"));
  }

  // ---- CSV ----

  /** RFC 4180 records: fields split on commas outside quotes, records on CRLF outside quotes. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertTrue(fields.isEmpty() && field.length() == 0, "the last record ends with CRLF");
    return records;
  }

  @ParameterizedTest
  @ValueSource(ints = {2020, 2021})
  void shouldParseBackToOneRecordPerCellWhenCsvRendered(int year) {
    Report report = report(year, false);
    String out = csv.render(report, TITLE);
    assertTrue(out.startsWith(CsvRenderer.BOM));
    List<List<String>> records = parseCsv(out.substring(1));

    assertEquals(CsvRenderer.HEADER, records.get(0));
    assertEquals(List.of(CsvRenderer.TITLE_TABLE, CsvRenderer.TITLE_ROW, "", "", "", TITLE), records.get(1),
        "the record after the header names the report");
    Map<String, Map<String, ? extends Map<String, ?>>> tables = Map.of(
        Labels.PROACTIVE, report.proactive(), Labels.REQUESTS, report.requests().rows(),
        Labels.APPEALS, report.appeals());
    List<String> expected = new ArrayList<>();
    for (String table : Labels.TABLES) {
      tables.get(table).forEach((row, cells) -> cells.forEach((column, value) ->
          expected.add(table + "|" + row + "|" + column + "|" + value)));
    }
    List<String> actual = records.subList(2, records.size()).stream()
        .peek(r -> assertEquals(6, r.size(), r.toString()))
        .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(3) + "|" + r.get(5)).toList();
    assertEquals(expected, actual);
  }

  @Test
  void shouldCarryLabelsAndValuesWhenCsvRendered() {
    List<List<String>> records = parseCsv(csv.render(report(2020, false), TITLE).substring(1));

    assertTrue(records.contains(List.of("requests", "withheld_process_info",
        "三、本年度办理结果 （三）不予公开 6.属于四类过程性信息", "commercial_enterprise", "法人或其他组织 商业企业", "2")));
    assertTrue(records.contains(List.of("proactive", "procurement", "政府集中采购", "amount", "采购总金额（万元）", "145.6381")));
    assertTrue(records.contains(List.of("appeals", "litigation_direct", "行政诉讼 未经复议直接起诉", "corrected", "结果纠正", "4")));
    assertTrue(records.contains(List.of("proactive", "licensing", "行政许可", "items_change", "本年增/减", "0")));
  }

  @Test
  void shouldQuoteFieldWhenItHasCommaQuoteOrNewline() {
    assertEquals("规章", CsvRenderer.quote("规章"));
    assertEquals("\"a,b\"", CsvRenderer.quote("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvRenderer.quote("say \"hi\""));
    assertEquals("\"two\r\nlines\"", CsvRenderer.quote("two\r\nlines"));
  }

  @Test
  void shouldDeclareUtf8WhenAskedForContentType() {
    assertEquals("text/csv; charset=utf-8", csv.contentType());
    assertEquals("text/plain; charset=utf-8", text.contentType());
  }
}
