package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
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
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * domain.md §7: the same business id published twice with the same content is a duplicate and
 * changes nothing. The fixture gives every event a fresh eventId, so each republication below
 * has a different eventId from the original; it must count in {@code events.duplicates} and
 * leave every figure of the town and of its county as it was.
 */
class IdempotencyTest {
  private static final String COUNTY = "360923";
  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldCountDuplicateWhenReceiptIsRepublished() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    Snapshot before = snapshot(2021);
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenSameRecordIsRedeliveredWithSameEventId() {
    RequestEvent event = new RequestEvent("same-id", NANGANG, "R1", LocalDate.parse("2021-03-01"),
        new RequestReceived(Applicant.commercial_enterprise));
    fixture.send(NANGANG, event);
    Snapshot before = snapshot(2021);
    fixture.send(NANGANG, event);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenReceiptIsRepublishedAfterConclusion() {
    fixture.received(NANGANG, "R1", "2020-12-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2021-01-05", Outcome.granted);
    Snapshot before = snapshot(2020, 2021);
    fixture.received(NANGANG, "R1", "2020-12-01", Applicant.natural_person);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenConclusionIsRepublished() {
    fixture.received(NANGANG, "R1", "2020-12-01", Applicant.research_institution);
    fixture.concluded(NANGANG, "R1", "2021-01-05", Outcome.partially_granted);
    Snapshot before = snapshot(2020, 2021);
    fixture.concluded(NANGANG, "R1", "2021-01-05", Outcome.partially_granted);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenProcurementIsRepublished() {
    fixture.awarded(NANGANG, "P1", "2020-03-01", "1456381.00");
    Snapshot before = snapshot(2020);
    fixture.awarded(NANGANG, "P1", "2020-03-01", "1456381.00");
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenSameAmountIsWrittenWithOtherDecimals() {
    fixture.awarded(NANGANG, "P1", "2020-03-01", "8228.70");
    Snapshot before = snapshot(2020);
    fixture.awarded(NANGANG, "P1", "2020-03-01", "8228.7");
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenAppealFilingIsRepublished() {
    fixture.filed(NANGANG, "C1", "2020-06-01", AppealKind.litigation_direct);
    Snapshot before = snapshot(2020, 2021);
    fixture.filed(NANGANG, "C1", "2020-06-01", AppealKind.litigation_direct);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenAppealDecisionIsRepublished() {
    fixture.filed(NANGANG, "C1", "2020-06-01", AppealKind.reconsideration);
    fixture.decided(NANGANG, "C1", "2021-02-01", AppealResult.corrected);
    Snapshot before = snapshot(2020, 2021);
    fixture.decided(NANGANG, "C1", "2021-02-01", AppealResult.corrected);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenDocumentIssueIsRepublished() {
    fixture.documentIssued(NANGANG, "D1", "2021-04-01", DocumentKind.rule);
    Snapshot before = snapshot(2021);
    fixture.documentIssued(NANGANG, "D1", "2021-04-01", DocumentKind.rule);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenDocumentPublicationIsRepublished() {
    fixture.documentIssued(NANGANG, "D1", "2020-04-01", DocumentKind.normative_document);
    fixture.documentPublished(NANGANG, "D1", "2020-04-02", DocumentKind.normative_document);
    Snapshot before = snapshot(2020);
    fixture.documentPublished(NANGANG, "D1", "2020-04-02", DocumentKind.normative_document);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenDocumentRepealIsRepublished() {
    fixture.documentIssued(NANGANG, "D1", "2020-04-01", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D1", "2020-04-02", DocumentKind.rule);
    fixture.documentRepealed(NANGANG, "D1", "2021-04-02", DocumentKind.rule);
    Snapshot before = snapshot(2020, 2021);
    fixture.documentRepealed(NANGANG, "D1", "2021-04-02", DocumentKind.rule);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenIssueIsRepublishedAfterRepeal() {
    fixture.documentIssued(NANGANG, "D1", "2021-04-01", DocumentKind.rule);
    fixture.documentRepealed(NANGANG, "D1", "2021-05-01", DocumentKind.rule);
    Snapshot before = snapshot(2021);
    fixture.documentIssued(NANGANG, "D1", "2021-04-01", DocumentKind.rule);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenItemAdditionIsRepublished() {
    fixture.itemAdded(NANGANG, "I1", "2019-04-01", ItemKind.other_services);
    Snapshot before = snapshot(2019, 2020);
    fixture.itemAdded(NANGANG, "I1", "2019-04-01", ItemKind.other_services);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenItemRemovalIsRepublished() {
    fixture.itemAdded(NANGANG, "I1", "2019-04-01", ItemKind.fees);
    fixture.itemRemoved(NANGANG, "I1", "2020-04-01", ItemKind.fees);
    Snapshot before = snapshot(2019, 2020);
    fixture.itemRemoved(NANGANG, "I1", "2020-04-01", ItemKind.fees);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenDecisionIsRepublished() {
    fixture.decisionMade(NANGANG, "X1", "2021-07-01", DecisionKind.coercion);
    Snapshot before = snapshot(2021);
    fixture.decisionMade(NANGANG, "X1", "2021-07-01", DecisionKind.coercion);
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenFeeIsRepublished() {
    fixture.feeCollected(NANGANG, "F1", "2021-07-01", "1456381.00");
    Snapshot before = snapshot(2021);
    fixture.feeCollected(NANGANG, "F1", "2021-07-01", "1456381.00");
    assertOneDuplicateAndNoChange(before);
  }

  @Test
  void shouldCountDuplicateWhenYearClosedIsRepublished() {
    fixture.received(NANGANG, "R1", "2020-03-01", Applicant.natural_person);
    fixture.closed(NANGANG, 2020);
    Snapshot before = snapshot(2020, 2021);
    fixture.closed(NANGANG, 2020);
    assertOneDuplicateAndNoChange(before);
  }

  // ---- helpers ----

  /** The town's and its county's figures and event counts for some years. */
  private record Snapshot(List<Integer> years, Map<String, Object> figures, Map<Integer, Report.EventCounts> events) {}

  private Snapshot snapshot(Integer... years) {
    Map<String, Object> figures = new LinkedHashMap<>();
    Map<Integer, Report.EventCounts> events = new LinkedHashMap<>();
    for (int year : years) {
      Report town = fixture.report(NANGANG, year);
      Report county = fixture.regionReport(COUNTY, year);
      figures.put("town " + year, figures(town));
      figures.put("county " + year, figures(county));
      events.put(year, town.events());
    }
    return new Snapshot(List.of(years), figures, events);
  }

  private static Map<String, Object> figures(Report report) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("status", report.status());
    figures.put("proactive", report.proactive());
    figures.put("requests", report.requests().rows());
    figures.put("appeals", report.appeals());
    figures.put("finalTowns", report.finalTowns());
    return figures;
  }

  /**
   * No figure of the town or its county changed, nothing went to the dead letters, and the
   * years' event counts differ by exactly one duplicate.
   */
  private void assertOneDuplicateAndNoChange(Snapshot before) {
    Snapshot after = snapshot(before.years().toArray(Integer[]::new));
    assertEquals(before.figures(), after.figures());
    assertEquals(List.of(), fixture.deadLetters(), "a duplicate is not rejected");
    long duplicates = 0;
    for (int year : before.years()) {
      Report.EventCounts was = before.events().get(year);
      Report.EventCounts is = after.events().get(year);
      assertEquals(was.accepted(), is.accepted(), "accepted in " + year);
      assertEquals(was.rejected(), is.rejected(), "rejected in " + year);
      assertEquals(was.late(), is.late(), "late in " + year);
      duplicates += is.duplicates() - was.duplicates();
    }
    assertEquals(1, duplicates, "one more duplicate");
    assertEquals(1, after.events().values().stream().mapToLong(Report.EventCounts::duplicates).sum());
  }
}
