package org.gongkai.api.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.gongkai.api.TownRow;
import org.junit.jupiter.api.Test;

/** The towns list's filter, order and CSV, on rows laid out by hand. */
class TownListTest {
  private static final List<TownRow> ROWS = List.of(
      new TownRow("360923105", "南港镇", "上高县", "final", "events", 3L, 2L, 1L, new BigDecimal("0.5000"), "145.6381", 0L),
      new TownRow("360923100", "敖阳街道", "上高县", "open", "events", 7L, 0L, 7L, null, "0.0000", 1L),
      new TownRow("360924100", "南港镇", "宜丰县", "no_figures", null, 0L, 0L, 0L, null, null, 0L));

  private static TownList.Query query(String sort, String order, String q, String status) {
    return new TownList.Query(sort, order, q, status, 0, 100, false);
  }

  @Test
  void shouldMatchCodePrefixTownNameOrCountyNameWhenFilteredByText() {
    assertEquals(List.of("360923105", "360924100"), codes(TownList.filtered(ROWS, query("code", "asc", "南港", null))));
    assertEquals(List.of("360924100"), codes(TownList.filtered(ROWS, query("code", "asc", "宜丰", null))));
    assertEquals(List.of("360923100", "360923105"), codes(TownList.filtered(ROWS, query("code", "asc", "360923", null))));
    assertEquals(List.of(), codes(TownList.filtered(ROWS, query("code", "asc", "923105", null))), "a code matches from its start");
  }

  @Test
  void shouldKeepOnlyTheStatusWhenFilteredByStatus() {
    assertEquals(List.of("360923100"), codes(TownList.filtered(ROWS, query("code", "asc", null, "open"))));
  }

  @Test
  void shouldBreakTiesByCodeWhenSorted() {
    assertEquals(List.of("360923105", "360924100", "360923100"),
        codes(TownList.filtered(ROWS, query("name", "asc", null, null))), "南 (U+5357) before 敖; the two 南港镇 by code");
    assertEquals(List.of("360923100", "360924100", "360923105"),
        codes(TownList.filtered(ROWS, query("name", "desc", null, null))), "all reversed");
  }

  @Test
  void shouldWriteChineseHeaderAndEmptyCellsForNullsWhenCsvIsAsked() {
    List<String> lines = TownList.csv(ROWS).lines().toList();
    assertEquals("\uFEFF区划代码,名称,所属县（市、区）,状态,本年新收申请数量,办结数量,结转下年度继续办理数量,实质公开率,"
        + "政府集中采购总金额（万元）,行政复议、行政诉讼总计", lines.get(0));
    assertEquals("360923105,南港镇,上高县,已定稿,3,2,1,0.5000,145.6381,0", lines.get(1));
    assertEquals("360924100,南港镇,宜丰县,无数据,0,0,0,,,0", lines.get(3));
  }

  private static List<String> codes(List<TownRow> rows) {
    return rows.stream().map(TownRow::code).toList();
  }
}
