package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.gongkai.streams.TopologyFixture.OTHER_TOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.streams.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counties, cities and provinces: their tallies are the sums of their towns', kept by the streams. */
class RollupTest {
  /** A town of another county (上高县 is 360923; 宜丰县 360924) and of another province (安徽 舒城县). */
  static final String YIFENG_TOWN = "360924100";
  static final String ANHUI_TOWN = "341523108";
  private final TopologyFixture fixture = new TopologyFixture(
      java.util.Set.of(NANGANG, OTHER_TOWN, YIFENG_TOWN, ANHUI_TOWN));

  @AfterEach
  void close() {
    fixture.close();
  }

  private void publishSomeHistory() {
    fixture.received(NANGANG, "R1", "2019-12-01", Applicant.natural_person);
    fixture.received(NANGANG, "R2", "2020-02-01", Applicant.other_org);
    fixture.concluded(NANGANG, "R1", "2020-01-15", Outcome.granted);
    fixture.awarded(NANGANG, "P1", "2020-03-01", "1000.00");
    fixture.received(OTHER_TOWN, "R1", "2020-05-05", Applicant.commercial_enterprise);
    fixture.concluded(OTHER_TOWN, "R1", "2020-06-05", Outcome.unavailable_not_held);
    fixture.filed(OTHER_TOWN, "C1", "2019-10-10", AppealKind.reconsideration);
    fixture.decided(OTHER_TOWN, "C1", "2020-10-10", AppealResult.corrected);
    fixture.received(YIFENG_TOWN, "R9", "2020-07-07", Applicant.natural_person);
    fixture.awarded(YIFENG_TOWN, "P1", "2020-03-01", "100.00");
    fixture.received(ANHUI_TOWN, "R1", "2020-01-01", Applicant.natural_person);
  }

  @Test
  void shouldEqualSumOfItsTownsWhenCountyIsQueried() {
    publishSomeHistory();
    assertEquals(sum(List.of(NANGANG, OTHER_TOWN), 2020), figures(fixture.regionReport("360923", 2020)));
  }

  @Test
  void shouldEqualSumOfItsTownsWhenCityIsQueried() {
    publishSomeHistory();
    assertEquals(sum(List.of(NANGANG, OTHER_TOWN, YIFENG_TOWN), 2020), figures(fixture.regionReport("3609", 2020)));
  }

  @Test
  void shouldEqualSumOfItsTownsWhenProvinceIsQueried() {
    publishSomeHistory();
    Report province = fixture.regionReport("36", 2020);
    assertEquals(sum(List.of(NANGANG, OTHER_TOWN, YIFENG_TOWN), 2020), figures(province));
    assertEquals("0.1100", province.proactive().get("procurement").get("amount"));
  }

  @Test
  void shouldCountTownsWithFiguresWhenTheyStartInDifferentYears() {
    publishSomeHistory();
    assertEquals(2, fixture.regionReport("360923", 2019).towns(), "南港镇 received R1 and the other town filed C1 in 2019");
    assertEquals(2, fixture.regionReport("360923", 2020).towns());
    assertEquals(3, fixture.regionReport("3609", 2020).towns());
  }

  @Test
  void shouldCountFinalTownsWhenSomeTownsCloseTheYear() {
    publishSomeHistory();
    fixture.closed(NANGANG, 2020);

    Report county = fixture.regionReport("360923", 2020);
    assertEquals(2, county.towns());
    assertEquals(1, county.finalTowns());
    assertEquals(Report.OPEN, county.status());

    fixture.closed(OTHER_TOWN, 2020);
    assertEquals(Report.FINAL, fixture.regionReport("360923", 2020).status());
    assertEquals(2, fixture.regionReport("360923", 2019).finalTowns(), "closing 2020 certifies 2019 too");
  }

  @Test
  void shouldMoveTownStartWhenAnEarlierEventArrivesLater() {
    fixture.received(NANGANG, "R1", "2021-01-01", Applicant.natural_person);
    assertEquals(0, fixture.regionReport("360923", 2020).towns());
    fixture.received(NANGANG, "R0", "2019-01-01", Applicant.natural_person);
    assertEquals(1, fixture.regionReport("360923", 2019).towns());
    assertEquals(1, fixture.regionReport("360923", 2021).towns());
  }

  /** The sum of the towns' tables, cell by cell (money summed in 万元 as decimals). */
  private Map<String, Object> sum(List<String> towns, int year) {
    Map<String, Object> total = null;
    for (String town : towns) {
      Map<String, Object> figures = figures(fixture.report(town, year));
      total = total == null ? figures : add(total, figures);
    }
    return total;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> add(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> sum = new LinkedHashMap<>();
    a.forEach((key, value) -> {
      Object other = b.get(key);
      if (value instanceof Map<?, ?> map) {
        sum.put(key, add((Map<String, Object>) map, (Map<String, Object>) other));
      } else if (value instanceof Long n) {
        sum.put(key, n + (Long) other);
      } else {
        sum.put(key, new java.math.BigDecimal((String) value).add(new java.math.BigDecimal((String) other)).toPlainString());
      }
    });
    return sum;
  }

  /** The three tables of a report as nested maps. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(Report report) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("proactive", new LinkedHashMap<>((Map<String, Object>) (Map<String, ?>) report.proactive()));
    figures.put("requests", new LinkedHashMap<>((Map<String, Object>) (Map<String, ?>) report.requests().rows()));
    figures.put("appeals", new LinkedHashMap<>((Map<String, Object>) (Map<String, ?>) report.appeals()));
    return figures;
  }
}
