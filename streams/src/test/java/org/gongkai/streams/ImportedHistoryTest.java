package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.events.ReportImported;
import org.gongkai.state.ImportedState;
import org.gongkai.state.ImportedSum;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.TallyHistory;
import org.gongkai.streams.tally.TallyKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Imported history in the ledger: a published report is the town's figures for a year without
 * events, in its regions' sums, replaced by the computed year at the first event counted in or
 * before it, and R5 is checked across the boundary.
 */
class ImportedHistoryTest {
  private static final String COUNTY = "360923";
  private static final List<String> COLUMNS = List.of("natural_person", "commercial_enterprise",
      "research_institution", "public_interest_org", "legal_service_org", "other_org", "total");

  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldServeImportedYearAsTheTownsFiguresAndSumItInItsRegions() {
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));

    Report town = townReport(NANGANG, 2019);
    assertEquals(Report.IMPORTED, town.source());
    assertEquals(Report.FINAL, town.status());
    assertEquals(5L, town.requests().rows().get("received").get("total"));
    assertEquals("12.3456", town.proactive().get("procurement").get("amount"));
    assertNull(town.requests().rows().get("granted").get("natural_person"), "a cell the text lacks stays unread");
    assertFalse(fixture.hasTallies(NANGANG, 2019), "an import is no event: the town has no tally");

    Report county = regionReport(COUNTY, 2019);
    assertEquals(1L, county.towns());
    assertEquals(1L, county.importedTowns());
    assertEquals(Report.IMPORTED, county.source());
    assertEquals(5L, county.requests().rows().get("received").get("total"));
    assertEquals("12.3456", county.proactive().get("procurement").get("amount"));
  }

  @Test
  void shouldAddImportedTownsToTheEventTownsOfARegion() {
    fixture.awarded(TopologyFixture.OTHER_TOWN, "P1", "2019-05-01", "10000.00");
    fixture.received(TopologyFixture.OTHER_TOWN, "R1", "2019-05-01", Applicant.natural_person);
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));

    Report county = regionReport(COUNTY, 2019);
    assertEquals(2L, county.towns());
    assertEquals(1L, county.importedTowns());
    assertEquals(6L, county.requests().rows().get("received").get("total"));
    assertEquals("13.3456", county.proactive().get("procurement").get("amount"), "1.0000 万元 + 12.3456 万元");
    assertEquals(Report.OPEN, county.status(), "the event town has not closed 2019");
  }

  @Test
  void shouldReplaceImportedYearByComputedOneAtItsFirstEvent() {
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));
    fixture.received(NANGANG, "R1", "2019-03-01", Applicant.natural_person);

    Report town = townReport(NANGANG, 2019);
    assertEquals(Report.EVENTS, town.source());
    assertEquals(1L, town.requests().rows().get("received").get("total"));
    assertFalse(state(NANGANG, 2019).getCounted(), "kept for published-vs-computed only");
    Report county = regionReport(COUNTY, 2019);
    assertEquals(1L, county.towns(), "the town counts once, by its events");
    assertEquals(1L, county.requests().rows().get("received").get("total"));
    assertEquals(Report.EVENTS, county.source());
    assertNull(fixture.<ImportedSum>store(StoreNames.IMPORTED_SUMS).get(TallyKey.of(COUNTY, 2019)));

    ImportedReports.Comparison comparison = ImportedReports.compare(state(NANGANG, 2019).getReport(), town);
    assertTrue(comparison.differences().stream().anyMatch(d -> d.cell().equals("requests.received.total")
        && d.published().equals(5L) && d.computed().equals(1L)), comparison.differences().toString());
    assertTrue(comparison.differences().stream().anyMatch(d -> d.cell().equals("proactive.procurement.amount")
        && d.published().equals("12.3456") && d.computed().equals("0.0000")), comparison.differences().toString());
    assertTrue(comparison.unread().contains("requests.granted.natural_person"));
  }

  @Test
  void shouldReplaceImportedYearWhenAnEarlierYearGetsEvents() {
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));
    fixture.received(NANGANG, "R1", "2018-12-01", Applicant.natural_person);

    assertFalse(state(NANGANG, 2019).getCounted(), "2019's figures now fold 2018's events");
    assertEquals(Report.EVENTS, townReport(NANGANG, 2019).source());
    assertEquals(1L, townReport(NANGANG, 2019).requests().rows().get("carried_over").get("total"));
  }

  @Test
  void shouldKeepImportForAYearWithEventsForComparisonOnly() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.send(imported(2020, 2, 0, "0.0000", "a"));

    assertFalse(state(NANGANG, 2020).getCounted());
    assertEquals(Report.EVENTS, townReport(NANGANG, 2020).source());
    assertEquals(1L, regionReport(COUNTY, 2020).requests().rows().get("received").get("total"));
  }

  @Test
  void shouldCheckR5AcrossTheBoundaryWhenItHolds() {
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2020-03-09", Outcome.granted);

    assertEquals(Report.IMPORTED, townReport(NANGANG, 2019).source(), "events from 2020 leave 2019 imported");
    Report computed = townReport(NANGANG, 2020);
    assertEquals(Report.EVENTS, computed.source());
    assertEquals(2019, computed.r5AcrossImport().importedYear());
    assertEquals("holds", computed.r5AcrossImport().status());
    assertEquals(COLUMNS.size(), computed.r5AcrossImport().checks().size());
    assertNull(townReport(NANGANG, 2019).r5AcrossImport(), "no import before 2019");

    Report county2019 = regionReport(COUNTY, 2019);
    Report county2020 = regionReport(COUNTY, 2020);
    assertEquals(5L, county2019.requests().rows().get("received").get("total"), "the trend's 2019: imported");
    assertEquals(1L, county2020.requests().rows().get("received").get("total"), "the trend's 2020: computed");
    assertEquals(1L, county2020.towns());
  }

  @Test
  void shouldReportR5ViolatedAcrossTheBoundary() {
    fixture.send(imported(2019, 5, 2, "12.3456", "a"));
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);

    Report.AcrossImport across = townReport(NANGANG, 2020).r5AcrossImport();
    assertEquals("violated", across.status());
    Report.Check natural = across.checks().stream().filter(c -> c.subject().equals("natural_person")).findFirst().orElseThrow();
    assertEquals("violated", natural.status());
    assertEquals(0L, natural.carriedOver());
    assertEquals(2L, natural.carriedForward());
    assertEquals(List.of("2020:requests.carried_over.natural_person", "2019:requests.carried_forward.natural_person"),
        natural.cells());
    assertEquals("holds", across.checks().stream().filter(c -> c.subject().equals("commercial_enterprise"))
        .findFirst().orElseThrow().status());
  }

  @Test
  void shouldIgnoreTheSameTextAgainAndReplaceAnEarlierImportWithANewText() {
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));
    fixture.send(imported(2019, 5, 0, "12.3456", "a"));
    assertEquals(5L, regionReport(COUNTY, 2019).requests().rows().get("received").get("total"));
    assertEquals(1L, regionReport(COUNTY, 2019).towns());

    fixture.send(imported(2019, 7, 0, "1.0000", "b"));
    Report county = regionReport(COUNTY, 2019);
    assertEquals(7L, county.requests().rows().get("received").get("total"));
    assertEquals("1.0000", county.proactive().get("procurement").get("amount"));
    assertEquals(1L, county.towns());
    assertEquals(7L, townReport(NANGANG, 2019).requests().rows().get("received").get("total"));
  }

  // ---- helpers ----

  /**
   * A report of Nangang: {@code received} by natural persons, all granted but {@code forward}
   * carried forward; procurement amount; the granted row read only in its total.
   */
  private static ReportImported imported(int year, long received, long forward, String amount, String text) {
    Map<String, Object> cells = new LinkedHashMap<>();
    for (String column : COLUMNS) {
      boolean natural = column.equals("natural_person") || column.equals("total");
      cells.put("requests.received." + column, natural ? received : 0L);
      cells.put("requests.carried_over." + column, natural ? forward : 0L);
      cells.put("requests.carried_forward." + column, natural ? forward : 0L);
      cells.put("requests.concluded_total." + column, natural ? received : 0L);
    }
    cells.put("requests.granted.total", received);
    cells.put("proactive.procurement.projects", 1L);
    cells.put("proactive.procurement.amount", amount);
    String digest = ImportedReports.digest(year + text);
    return new ReportImported("import-" + year + "-" + digest.substring(0, 16), NANGANG, year, "南港镇", cells, List.of(),
        digest);
  }

  private ImportedState state(String town, int year) {
    return fixture.<ImportedState>store(StoreNames.IMPORTED).get(TallyKey.of(town, year));
  }

  private Report townReport(String town, int year) {
    return ImportedReports.town(Place.town(town), year,
        TallyHistory.upTo(fixture.tallies(StoreNames.TALLIES), town, year), state(town, year), state(town, year - 1))
        .orElseThrow();
  }

  private Report regionReport(String region, int year) {
    ImportedSum sum = fixture.<ImportedSum>store(StoreNames.IMPORTED_SUMS).get(TallyKey.of(region, year));
    return ImportedReports.region(new Place(region, null, Place.COUNTY, null, null, null), year,
        TallyHistory.upTo(fixture.tallies(StoreNames.REGION_TALLIES), region, year),
        sum == null ? ImportedReports.emptySum() : sum).orElseThrow();
  }
}
