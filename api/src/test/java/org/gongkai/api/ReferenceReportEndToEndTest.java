package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference report (shared/seeds/000_713aac75e110bc97.txt, 南港镇 2020) computed from the
 * seed events through the real broker, the real streams and HTTP.
 */
class ReferenceReportEndToEndTest {
  static JsonNode report;

  @BeforeAll
  static void publishSeed() throws Exception {
    report = RunningApp.seeded();
    assertNotNull(report, "no report served for 360923105/2020");
  }

  @Test
  void shouldServeProcurementOfReferenceWhenSeedIsPublished() {
    // 政府集中采购: 177件, 145.6381万元
    assertEquals(177, report.at("/proactive/procurement/projects").asLong());
    assertEquals("145.6381", report.at("/proactive/procurement/amount").asText());
  }

  @Test
  void shouldServeRequestTableOfReferenceWhenSeedIsPublished() {
    // 一、本年新收 1 (自然人 1, 合计 1); 予以公开 1; 二、上年结转 0; 四、结转下年度 0
    assertEquals(1, report.at("/requests/rows/received/natural_person").asLong());
    assertEquals(1, report.at("/requests/rows/received/total").asLong());
    assertEquals(1, report.at("/requests/rows/granted/natural_person").asLong());
    assertEquals(1, report.at("/requests/rows/granted/total").asLong());
    assertEquals(1, report.at("/requests/rows/concluded_total/total").asLong());
    assertEquals(0, report.at("/requests/rows/carried_over/total").asLong());
    assertEquals(0, report.at("/requests/rows/carried_forward/total").asLong());
  }

  @Test
  void shouldServeZeroAppealsAndOtherProactiveRowsWhenSeedHasNone() {
    report.get("appeals").forEach(block -> block.forEach(cell -> assertEquals(0, cell.asLong())));
    assertEquals(3, report.get("appeals").size());
    for (String row : new String[] {"rules", "normative_documents", "licensing", "other_services", "penalties",
        "coercion", "fees"}) {
      report.at("/proactive/" + row).forEach(cell -> assertEquals(0, cell.asLong(), row));
    }
  }

  @Test
  void shouldDescribeReportWhenServed() {
    assertEquals("360923105", report.at("/town/code").asText());
    assertEquals("南港镇", report.at("/town/name").asText());
    assertEquals("上高县", report.at("/town/county/name").asText());
    assertEquals("宜春市", report.at("/town/city/name").asText());
    assertEquals("江西省", report.at("/town/province/name").asText());
    assertEquals(2020, report.get("year").asInt());
    assertEquals("2019", report.get("template").asText());
    assertEquals("open", report.get("status").asText());
    assertEquals(23, report.at("/requests/rows").size(), "the 2019 template has 23 rows in table 三");
  }
}
