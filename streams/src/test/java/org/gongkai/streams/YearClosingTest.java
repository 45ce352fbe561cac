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
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DocumentKind;
import org.gongkai.events.ItemKind;
import org.gongkai.events.Outcome;
import org.gongkai.streams.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code year.closed} (domain.md §7): the town certifies its figures and the report becomes
 * final. Closing a year certifies the years before it; an event dated in a closed year that
 * arrives later counts in the first open year and never changes a final report.
 */
class YearClosingTest {
  private static final String COUNTY = "360923";
  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldMakeReportFinalWhenYearIsClosed() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.received(NANGANG, "R2", "2021-03-01", Applicant.natural_person);
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2020).status());

    fixture.closed(NANGANG, 2020);

    assertEquals(Report.FINAL, fixture.report(NANGANG, 2020).status());
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2021).status());
    assertEquals(List.of(), fixture.deadLetters());
  }

  @Test
  void shouldMakeEarlierYearsFinalWhenLaterYearIsClosed() {
    fixture.received(NANGANG, "R1", "2019-03-01", Applicant.natural_person);
    fixture.awarded(NANGANG, "P1", "2021-03-01", "100.00");

    fixture.closed(NANGANG, 2021);

    assertEquals(Report.FINAL, fixture.report(NANGANG, 2019).status());
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2020).status(), "a year without events in between");
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2021).status());
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2022).status());
  }

  @Test
  void shouldCountLateEventInFirstOpenYearWhenDatedInClosedYear() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);
    Map<String, Object> finalReport = figures(fixture.report(NANGANG, 2020));

    fixture.received(NANGANG, "R2", "2020-06-01", Applicant.public_interest_org);

    assertEquals(finalReport, figures(fixture.report(NANGANG, 2020)), "the final 2020 report does not change");
    Report open = fixture.report(NANGANG, 2021);
    assertEquals(1, open.requests().rows().get("received").get("public_interest_org"));
    assertEquals(new Report.EventCounts(1, 0, 0, 1), open.events());
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2021));
  }

  @Test
  void shouldKeepFinalFiguresWhenLateEventsOfEveryFamilyArrive() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.filed(NANGANG, "C1", "2020-03-01", AppealKind.reconsideration);
    fixture.documentIssued(NANGANG, "D1", "2020-03-01", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D1", "2020-03-02", DocumentKind.rule);
    fixture.itemAdded(NANGANG, "I1", "2019-03-01", ItemKind.licensing);
    fixture.received(OTHER_TOWN, "R1", "2020-03-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);
    Map<String, Object> finalTown = figures(fixture.report(NANGANG, 2020));
    Map<String, Object> county = figures(fixture.regionReport(COUNTY, 2020));

    fixture.concluded(NANGANG, "R1", "2020-12-01", Outcome.granted);
    fixture.received(NANGANG, "R2", "2020-12-02", Applicant.other_org);
    fixture.decided(NANGANG, "C1", "2020-12-03", AppealResult.upheld);
    fixture.filed(NANGANG, "C2", "2020-12-04", AppealKind.litigation_direct);
    fixture.awarded(NANGANG, "P1", "2020-12-05", "1456381.00");
    fixture.documentRepealed(NANGANG, "D1", "2020-12-06", DocumentKind.rule);
    fixture.documentIssued(NANGANG, "D2", "2020-12-07", DocumentKind.normative_document);
    fixture.itemRemoved(NANGANG, "I1", "2020-12-08", ItemKind.licensing);
    fixture.itemAdded(NANGANG, "I2", "2019-12-09", ItemKind.fees);
    fixture.decisionMade(NANGANG, "X1", "2020-12-10", DecisionKind.penalties);
    fixture.feeCollected(NANGANG, "F1", "2020-12-11", "500.00");

    assertEquals(finalTown, figures(fixture.report(NANGANG, 2020)));
    assertEquals(county, figures(fixture.regionReport(COUNTY, 2020)), "nor does the county's");
    assertEquals(List.of(), fixture.deadLetters());
    Report open = fixture.report(NANGANG, 2021);
    assertEquals(new Report.EventCounts(11, 0, 0, 11), open.events());
    assertEquals(1, open.requests().rows().get("granted").get("natural_person"));
    assertEquals(1, open.appeals().get("reconsideration").get("upheld"));
    assertEquals(Map.of("issued", 0L, "repealed", 1L, "in_force", 0L), open.proactive().get("rules"));
    assertEquals(Map.of("issued", 1L, "repealed", 0L, "in_force", 1L), open.proactive().get("normative_documents"));
    assertEquals(Map.of("decisions", 1L), open.proactive().get("penalties"));
    assertEquals(Map.of("amount", "0.0500"), open.proactive().get("fees"));
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2021));
  }

  @Test
  void shouldKeepCarryOverEqualToFinalCarryForwardWhenLateConclusionArrives() {
    fixture.received(NANGANG, "R1", "2020-05-01", Applicant.legal_service_org);
    fixture.received(NANGANG, "R2", "2021-02-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);

    fixture.concluded(NANGANG, "R1", "2020-11-01", Outcome.unavailable_not_held);

    assertEquals(1, fixture.cell(NANGANG, 2020, "carried_forward", "legal_service_org"), "final 2020 unchanged");
    assertEquals(1, fixture.cell(NANGANG, 2021, "carried_over", "legal_service_org"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "unavailable_not_held", "legal_service_org"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "carried_forward", "legal_service_org"));
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2021), "R1–R5, R5 against the final 2020");
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2022));
  }

  @Test
  void shouldKeepCarryOverEqualToFinalCarryForwardWhenLateReceiptArrives() {
    fixture.received(NANGANG, "R1", "2020-05-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);

    fixture.received(NANGANG, "R2", "2020-12-31", Applicant.natural_person);
    fixture.received(NANGANG, "R3", "2020-10-01", Applicant.commercial_enterprise);
    fixture.concluded(NANGANG, "R3", "2020-10-15", Outcome.granted);

    assertEquals(1, fixture.cell(NANGANG, 2020, "carried_forward", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "carried_over", "total"));
    assertEquals(2, fixture.cell(NANGANG, 2021, "received", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "granted", "commercial_enterprise"));
    assertEquals(2, fixture.cell(NANGANG, 2021, "carried_forward", "natural_person"));
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2021));
  }

  @Test
  void shouldKeepPendingCaseInFinalYearWhenLateDecisionArrives() {
    fixture.filed(NANGANG, "C1", "2019-06-01", AppealKind.litigation_after_reconsideration);
    fixture.closed(NANGANG, 2020);

    fixture.decided(NANGANG, "C1", "2020-09-01", AppealResult.other);

    assertEquals(1, fixture.report(NANGANG, 2020).appeals().get("litigation_after_reconsideration").get("pending"));
    assertEquals(Map.of("upheld", 0L, "corrected", 0L, "other", 1L, "pending", 0L, "total", 1L),
        fixture.report(NANGANG, 2021).appeals().get("litigation_after_reconsideration"));
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2021));
  }

  @Test
  void shouldCountLateEventInYearAfterLastClosedWhenSeveralYearsAreClosed() {
    fixture.received(NANGANG, "R1", "2019-05-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2021);

    fixture.concluded(NANGANG, "R1", "2019-06-01", Outcome.granted);

    assertEquals(1, fixture.cell(NANGANG, 2019, "carried_forward", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "carried_forward", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2022, "granted", "total"));
    assertEquals(1, fixture.report(NANGANG, 2022).events().late());
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2022).status());
    assertEquals(List.of(), fixture.identityViolations(NANGANG, 2022));
  }

  @Test
  void shouldCountDuplicateWhenYearIsClosedTwice() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);
    Report finalReport = fixture.report(NANGANG, 2020);

    fixture.closed(NANGANG, 2020);

    assertEquals(List.of(), fixture.deadLetters(), "a duplicate, not a rejection");
    assertEquals(tables(finalReport), tables(fixture.report(NANGANG, 2020)));
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2020).status());
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2021).status(), "closing 2020 again does not close 2021");
    assertEquals(1, duplicates(2020, 2021), "one duplicate, in the closed year or the first open one");
    assertEquals(2, fixture.report(NANGANG, 2020).events().accepted(), "R1 and the first closure");
    assertEquals(0, fixture.report(NANGANG, 2021).events().accepted());
  }

  @Test
  void shouldCountDuplicateWhenEarlierYearIsClosedAfterLaterOne() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2021);

    fixture.closed(NANGANG, 2020);

    assertEquals(List.of(), fixture.deadLetters(), "a duplicate, not a rejection");
    assertEquals(1, duplicates(2020, 2022), "one duplicate, in the closed year or the first open one");
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2020).status());
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2021).status());
  }

  // ---- regions ----

  @Test
  void shouldKeepRegionOpenWhenOneTownWithFiguresHasNotClosed() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.received(OTHER_TOWN, "R1", "2019-03-01", Applicant.natural_person);

    fixture.closed(NANGANG, 2020);

    Report county = fixture.regionReport(COUNTY, 2020);
    assertEquals(Report.OPEN, county.status());
    assertEquals(2L, county.towns());
    assertEquals(1L, county.finalTowns());
  }

  @Test
  void shouldMakeRegionFinalWhenAllTownsWithFiguresClosed() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.received(OTHER_TOWN, "R1", "2019-03-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);

    fixture.closed(OTHER_TOWN, 2021);

    for (String region : List.of("360923", "3609", "36")) {
      assertEquals(Report.FINAL, fixture.regionReport(region, 2020).status(), region + " 2020");
    }
    assertEquals(Report.FINAL, fixture.regionReport(COUNTY, 2019).status(), "南港镇 has no 2019 figures");
    assertEquals(Report.OPEN, fixture.regionReport(COUNTY, 2021).status(), "南港镇 has not closed 2021");
  }

  @Test
  void shouldMakeRegionFinalWhenTownWithFiguresOnlyInLaterYearsHasNotClosed() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.received(OTHER_TOWN, "R1", "2021-03-01", Applicant.natural_person);

    fixture.closed(NANGANG, 2020);

    Report county = fixture.regionReport(COUNTY, 2020);
    assertEquals(1L, county.towns());
    assertEquals(Report.FINAL, county.status());
    assertEquals(Report.OPEN, fixture.regionReport(COUNTY, 2021).status());
  }

  @Test
  void shouldMakeTownReportFinalWhenTownClosesYearBeforeItsFirstFigures() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    fixture.closed(NANGANG, 2020);

    assertEquals(true, fixture.hasTallies(NANGANG, 2020), "the 2020 report is served");
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2020).status(), "南港镇 certified 2020");
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2021).status());
  }

  @Test
  void shouldMakeRegionFinalWhenItsOnlyTownClosesYearBeforeItsFirstFigures() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    fixture.closed(NANGANG, 2020);

    Report county = fixture.regionReport(COUNTY, 2020);
    assertEquals(county.towns(), county.finalTowns(), "every town counted in 2020 closed 2020");
    assertEquals(Report.FINAL, county.status());
  }


  /** Duplicates counted for 南港镇 in the years from {@code first} to {@code last}. */
  private long duplicates(int first, int last) {
    long duplicates = 0;
    for (int year = first; year <= last; year++) {
      duplicates += fixture.report(NANGANG, year).events().duplicates();
    }
    return duplicates;
  }

  /** The three tables of a report. */
  private static Map<String, Object> tables(Report report) {
    Map<String, Object> tables = new LinkedHashMap<>();
    tables.put("proactive", report.proactive());
    tables.put("requests", report.requests().rows());
    tables.put("appeals", report.appeals());
    return tables;
  }

  private static Map<String, Object> figures(Report report) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("status", report.status());
    figures.put("proactive", report.proactive());
    figures.put("requests", report.requests().rows());
    figures.put("appeals", report.appeals());
    figures.put("events", report.events());
    figures.put("towns", report.towns());
    figures.put("finalTowns", report.finalTowns());
    return figures;
  }
}
