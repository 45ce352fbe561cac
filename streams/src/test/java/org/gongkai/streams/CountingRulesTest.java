package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * domain.md §5, one test for each counting rule, on the figures a report serves. Every
 * scenario also checks R1–R5 on the reports of the years it touches.
 */
class CountingRulesTest {
  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  // ---- Table 三: requests ----

  @Test
  void shouldCountReceiptInApplicantColumnWhenReceivedInReportYear() {
    fixture.received(NANGANG, "R0", "2019-12-31", Applicant.natural_person);
    fixture.received(NANGANG, "R1", "2020-01-01", Applicant.natural_person);
    fixture.received(NANGANG, "R2", "2020-05-01", Applicant.research_institution);
    fixture.received(NANGANG, "R3", "2020-12-31", Applicant.research_institution);
    fixture.received(NANGANG, "R4", "2021-01-01", Applicant.public_interest_org);

    Map<String, Long> received = rows(2020).get("received");
    assertEquals(1, received.get("natural_person"));
    assertEquals(2, received.get("research_institution"));
    assertEquals(0, received.get("public_interest_org"), "received on 1 Jan 2021: not in 2020");
    assertEquals(3, received.get("total"));
    assertEquals(1, rows(2019).get("received").get("total"));
    assertEquals(1, rows(2021).get("received").get("public_interest_org"));
    assertIdentities(2019, 2020, 2021);
  }

  @Test
  void shouldCountResultInConclusionYearAndApplicantColumnWhenReceivedInEarlierYear() {
    fixture.received(NANGANG, "R1", "2019-03-01", Applicant.other_org);
    fixture.received(NANGANG, "R2", "2021-02-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2021-06-30", Outcome.withheld_process_info);
    fixture.concluded(NANGANG, "R2", "2021-12-31", Outcome.withheld_process_info);

    Map<String, Long> row = rows(2021).get("withheld_process_info");
    assertEquals(1, row.get("other_org"), "R1 counts in 2021, its conclusion year, in its applicant's column");
    assertEquals(1, row.get("natural_person"));
    assertEquals(2, row.get("total"));
    assertEquals(0, rows(2019).get("withheld_process_info").get("total"));
    assertEquals(0, rows(2020).get("withheld_process_info").get("total"));
    assertIdentities(2019, 2020, 2021);
  }

  @Test
  void shouldCountOnlyPartiallyGrantedWhenRequestIsHandledSeparately() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.commercial_enterprise);
    fixture.concluded(NANGANG, "R1", "2021-03-20", Outcome.partially_granted);
    fixture.concluded(NANGANG, "R1", "2021-03-20", Outcome.granted);
    fixture.concluded(NANGANG, "R1", "2021-03-20", Outcome.withheld_state_secret);

    Map<String, Map<String, Long>> rows = rows(2021);
    assertEquals(1, rows.get("partially_granted").get("commercial_enterprise"));
    assertEquals(0, rows.get("granted").get("total"), "区分处理 counts only as partially_granted");
    assertEquals(0, rows.get("withheld_state_secret").get("total"));
    assertEquals(1, rows.get("concluded_total").get("total"), "one request has exactly one outcome");
    assertEquals(2, fixture.deadLetters().size(), "the other outcomes are rejected, not dropped");
    assertIdentities(2021);
  }

  @Test
  void shouldCarryForwardWhenReceivedByYearEndAndNotConcludedByThen() {
    fixture.received(NANGANG, "R1", "2020-12-31", Applicant.legal_service_org);
    fixture.concluded(NANGANG, "R1", "2021-01-01", Outcome.granted);
    fixture.received(NANGANG, "R2", "2020-06-01", Applicant.legal_service_org);
    fixture.concluded(NANGANG, "R2", "2020-12-31", Outcome.granted);
    fixture.received(NANGANG, "R3", "2019-02-01", Applicant.natural_person);
    fixture.received(NANGANG, "R4", "2021-01-01", Applicant.natural_person);

    Map<String, Long> forward = rows(2020).get("carried_forward");
    assertEquals(1, forward.get("legal_service_org"), "R1 open on 31 Dec 2020; R2 concluded that day");
    assertEquals(1, forward.get("natural_person"), "R3, received in 2019, still open; R4 received in 2021");
    assertEquals(2, forward.get("total"));
    assertEquals(2, rows(2021).get("carried_forward").get("total"), "R3 and R4 open, R1 concluded");
    assertEquals(2, rows(2021).get("carried_forward").get("natural_person"));
    assertIdentities(2019, 2020, 2021);
  }

  @Test
  void shouldCarryOverPreviousYearsCarriedForwardWhenYearStarts() {
    fixture.received(NANGANG, "R1", "2019-05-01", Applicant.natural_person);
    fixture.received(NANGANG, "R2", "2020-11-01", Applicant.natural_person);
    fixture.received(NANGANG, "R3", "2020-12-01", Applicant.public_interest_org);
    fixture.received(NANGANG, "R4", "2020-12-02", Applicant.other_org);
    fixture.concluded(NANGANG, "R4", "2020-12-20", Outcome.declined_duplicate);
    fixture.concluded(NANGANG, "R2", "2021-02-01", Outcome.granted);

    Map<String, Long> over = rows(2021).get("carried_over");
    assertEquals(rows(2020).get("carried_forward"), over);
    assertEquals(2, over.get("natural_person"));
    assertEquals(1, over.get("public_interest_org"));
    assertEquals(0, over.get("other_org"));
    assertEquals(3, over.get("total"));
    assertEquals(1, rows(2020).get("carried_over").get("total"), "R1 from 2019");
    assertIdentities(2019, 2020, 2021);
  }

  @Test
  void shouldSumSixApplicantColumnsWhenTotalColumnIsComputed() {
    int n = 0;
    for (Applicant applicant : Applicant.values()) {
      for (int i = 0; i <= applicant.ordinal(); i++) {
        String id = "R" + (++n);
        fixture.received(NANGANG, id, "2021-04-01", applicant);
        if (i % 2 == 0) {
          fixture.concluded(NANGANG, id, "2021-05-01", Outcome.unavailable_not_held);
        }
      }
    }

    Map<String, Map<String, Long>> rows = rows(2021);
    assertEquals(21, rows.get("received").get("total"), "1 + 2 + 3 + 4 + 5 + 6");
    assertEquals(12, rows.get("unavailable_not_held").get("total"), "1 + 1 + 2 + 2 + 3 + 3");
    assertEquals(9, rows.get("carried_forward").get("total"));
    rows.forEach((row, cells) -> assertEquals(
        cells.entrySet().stream().filter(e -> !e.getKey().equals("total")).mapToLong(Map.Entry::getValue).sum(),
        cells.get("total"), row));
    assertIdentities(2021);
  }

  @Test
  void shouldSumResultRowsWhenConcludedTotalIsComputed() {
    List<Outcome> outcomes = List.of(Outcome.granted, Outcome.granted, Outcome.withheld_admin_query,
        Outcome.unavailable_unclear, Outcome.declined_excessive, Outcome.other_unpaid_fee, Outcome.other);
    for (int i = 0; i < outcomes.size(); i++) {
      Applicant applicant = i % 2 == 0 ? Applicant.natural_person : Applicant.research_institution;
      fixture.received(NANGANG, "R" + i, "2021-01-10", applicant);
      fixture.concluded(NANGANG, "R" + i, "2021-02-10", outcomes.get(i));
    }
    fixture.received(NANGANG, "OPEN", "2021-03-10", Applicant.natural_person);

    Map<String, Long> total = rows(2021).get("concluded_total");
    assertEquals(4, total.get("natural_person"));
    assertEquals(3, total.get("research_institution"));
    assertEquals(7, total.get("total"));
    assertEquals(2, rows(2021).get("granted").get("total"));
    assertIdentities(2021);
  }

  // ---- Table 四: appeals ----

  @Test
  void shouldCountCasePendingInEveryYearWhenUndecidedAcrossYears() {
    fixture.filed(NANGANG, "C1", "2019-12-31", AppealKind.reconsideration);
    fixture.decided(NANGANG, "C1", "2022-01-01", AppealResult.upheld);
    fixture.filed(NANGANG, "C2", "2022-01-01", AppealKind.reconsideration);

    for (int year = 2019; year <= 2021; year++) {
      Map<String, Long> block = appeals(year).get("reconsideration");
      assertEquals(1, block.get("pending"), "pending on 31 Dec " + year);
      assertEquals(0, block.get("upheld"), "not decided in " + year);
      assertEquals(1, block.get("total"));
    }
    Map<String, Long> block2022 = appeals(2022).get("reconsideration");
    assertEquals(1, block2022.get("upheld"));
    assertEquals(1, block2022.get("pending"), "C2 filed in 2022, undecided");
    assertEquals(2, block2022.get("total"));
    assertIdentities(2019, 2020, 2021, 2022);
  }

  @Test
  void shouldClassifyCaseByItsResultWhenDecidedInReportYear() {
    fixture.filed(NANGANG, "C1", "2019-12-31", AppealKind.litigation_direct);
    fixture.decided(NANGANG, "C1", "2020-01-01", AppealResult.corrected);
    fixture.filed(NANGANG, "C2", "2020-03-01", AppealKind.litigation_direct);
    fixture.decided(NANGANG, "C2", "2020-12-31", AppealResult.other);

    Map<String, Long> block = appeals(2020).get("litigation_direct");
    assertEquals(1, block.get("corrected"));
    assertEquals(1, block.get("other"));
    assertEquals(0, block.get("pending"));
    assertEquals(2, block.get("total"));
    assertEquals(1, appeals(2019).get("litigation_direct").get("pending"), "C1 on 31 Dec 2019");
    assertEquals(0, appeals(2020).get("reconsideration").get("total"));
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldLeaveCaseOutWhenDecidedBeforeReportYear() {
    fixture.filed(NANGANG, "C1", "2019-02-01", AppealKind.litigation_after_reconsideration);
    fixture.decided(NANGANG, "C1", "2019-12-31", AppealResult.upheld);
    fixture.filed(NANGANG, "C2", "2020-02-01", AppealKind.reconsideration);

    Map<String, Long> block = appeals(2020).get("litigation_after_reconsideration");
    assertEquals(Map.of("upheld", 0L, "corrected", 0L, "other", 0L, "pending", 0L, "total", 0L), block);
    assertEquals(1, appeals(2019).get("litigation_after_reconsideration").get("upheld"));
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldSumFourColumnsWhenAppealTotalIsComputed() {
    int n = 0;
    for (AppealKind kind : AppealKind.values()) {
      for (AppealResult result : AppealResult.values()) {
        for (int i = 0; i <= result.ordinal() + kind.ordinal(); i++) {
          String id = "C" + (++n);
          fixture.filed(NANGANG, id, "2021-01-05", kind);
          fixture.decided(NANGANG, id, "2021-06-05", result);
        }
      }
      for (int i = 0; i < 2; i++) {
        fixture.filed(NANGANG, "P" + (++n), "2020-07-01", kind);
      }
    }

    Map<String, Map<String, Long>> appeals = appeals(2021);
    assertEquals(Map.of("upheld", 1L, "corrected", 2L, "other", 3L, "pending", 2L, "total", 8L),
        appeals.get("reconsideration"));
    assertEquals(Map.of("upheld", 2L, "corrected", 3L, "other", 4L, "pending", 2L, "total", 11L),
        appeals.get("litigation_direct"));
    assertEquals(Map.of("upheld", 3L, "corrected", 4L, "other", 5L, "pending", 2L, "total", 14L),
        appeals.get("litigation_after_reconsideration"));
    assertIdentities(2020, 2021);
  }

  // ---- Table 二: procurement (template 2019) ----

  @Test
  void shouldWriteAmountInWanYuanWithFourDecimalsWhenProjectIsAwarded() {
    fixture.awarded(NANGANG, "P1", "2020-04-01", "1456381.00");

    Map<String, Object> procurement = fixture.report(NANGANG, 2020).proactive().get("procurement");
    assertEquals(1L, procurement.get("projects"));
    assertEquals("145.6381", procurement.get("amount"));
    assertIdentities(2020);
  }

  @Test
  void shouldCountProjectsAndSumAmountsWhenAwardedInReportYear() {
    fixture.awarded(NANGANG, "P0", "2019-12-31", "999.99");
    fixture.awarded(NANGANG, "P1", "2020-01-01", "1456381.00");
    fixture.awarded(NANGANG, "P2", "2020-07-01", "8229");
    fixture.awarded(NANGANG, "P3", "2020-12-31", "0.00");
    fixture.awarded(NANGANG, "P4", "2021-01-01", "5000.00");

    Map<String, Object> procurement = fixture.report(NANGANG, 2020).proactive().get("procurement");
    assertEquals(3L, procurement.get("projects"));
    assertEquals("146.4610", procurement.get("amount"), "1,464,610.00 元");
    assertEquals("0.1000", fixture.report(NANGANG, 2019).proactive().get("procurement").get("amount"),
        "999.99 元 is 0.099999 万元, 0.1000 to 4 decimals");
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldServeZeroAmountWithFourDecimalsWhenNothingWasAwarded() {
    fixture.received(NANGANG, "R1", "2020-01-01", Applicant.natural_person);

    Map<String, Object> procurement = fixture.report(NANGANG, 2020).proactive().get("procurement");
    assertEquals(0L, procurement.get("projects"));
    assertEquals("0.0000", procurement.get("amount"));
  }

  // ---- Table 二: catalogue items and decisions (template 2019) ----

  @Test
  void shouldCountItemsAtEndOfPreviousYearWhenItemsWereAddedAndRemovedBefore() {
    fixture.itemAdded(NANGANG, "L1", "2018-03-01", ItemKind.licensing);
    fixture.itemAdded(NANGANG, "L2", "2018-04-01", ItemKind.licensing);
    fixture.itemAdded(NANGANG, "L3", "2019-04-01", ItemKind.licensing);
    fixture.itemRemoved(NANGANG, "L1", "2019-12-31", ItemKind.licensing);
    fixture.itemAdded(NANGANG, "L4", "2020-01-01", ItemKind.licensing);
    fixture.itemAdded(NANGANG, "S1", "2019-01-01", ItemKind.other_services);

    Map<String, Object> licensing2019 = proactive(2019).get("licensing");
    assertEquals(2L, licensing2019.get("items_last_year"));
    assertEquals(0L, licensing2019.get("items_change"), "one added, one removed in 2019");
    Map<String, Object> licensing2020 = proactive(2020).get("licensing");
    assertEquals(2L, licensing2020.get("items_last_year"), "L2 and L3 at the end of 2019");
    assertEquals(1L, licensing2020.get("items_change"));
    assertEquals(1L, proactive(2020).get("other_services").get("items_last_year"));
    assertEquals(0L, proactive(2020).get("penalties").get("items_last_year"));
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldReportNegativeChangeWhenMoreItemsAreRemovedThanAdded() {
    fixture.itemAdded(NANGANG, "P1", "2019-03-01", ItemKind.penalties);
    fixture.itemAdded(NANGANG, "P2", "2019-03-01", ItemKind.penalties);
    fixture.itemAdded(NANGANG, "P3", "2019-03-01", ItemKind.penalties);
    fixture.itemRemoved(NANGANG, "P1", "2020-02-01", ItemKind.penalties);
    fixture.itemRemoved(NANGANG, "P2", "2020-02-02", ItemKind.penalties);
    fixture.itemAdded(NANGANG, "P4", "2020-05-01", ItemKind.penalties);
    fixture.itemRemoved(NANGANG, "P3", "2020-09-01", ItemKind.penalties);

    Map<String, Object> penalties = proactive(2020).get("penalties");
    assertEquals(3L, penalties.get("items_last_year"));
    assertEquals(-2L, penalties.get("items_change"));
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldCountDecisionsWhenMadeInReportYear() {
    fixture.decisionMade(NANGANG, "D0", "2019-12-31", DecisionKind.licensing);
    fixture.decisionMade(NANGANG, "D1", "2020-01-01", DecisionKind.licensing);
    fixture.decisionMade(NANGANG, "D2", "2020-12-31", DecisionKind.licensing);
    fixture.decisionMade(NANGANG, "D3", "2020-06-01", DecisionKind.other_services);
    fixture.decisionMade(NANGANG, "D4", "2020-06-01", DecisionKind.penalties);
    fixture.decisionMade(NANGANG, "D5", "2020-06-02", DecisionKind.penalties);
    fixture.decisionMade(NANGANG, "D6", "2020-06-03", DecisionKind.penalties);
    fixture.decisionMade(NANGANG, "D7", "2021-01-01", DecisionKind.coercion);

    Map<String, Map<String, Object>> proactive = proactive(2020);
    assertEquals(2L, proactive.get("licensing").get("decisions"));
    assertEquals(1L, proactive.get("other_services").get("decisions"));
    assertEquals(3L, proactive.get("penalties").get("decisions"));
    assertEquals(0L, proactive.get("coercion").get("decisions"));
    assertEquals(1L, proactive(2019).get("licensing").get("decisions"));
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldCountFeeItemsWhenTemplateIs2019() {
    fixture.itemAdded(NANGANG, "F1", "2019-01-01", ItemKind.fees);
    fixture.itemAdded(NANGANG, "F2", "2019-01-01", ItemKind.fees);
    fixture.itemRemoved(NANGANG, "F1", "2020-03-01", ItemKind.fees);
    fixture.feeCollected(NANGANG, "FEE1", "2020-03-01", "100.00");

    Map<String, Object> fees = proactive(2020).get("fees");
    assertEquals(Map.of("items_last_year", 2L, "items_change", -1L), fees,
        "the 2019 template's fee row counts items; it has no decisions and no amount");
    assertIdentities(2019, 2020);
  }

  // ---- Table 二: documents ----

  @Test
  void shouldCountDocumentsMadePublishedAndInForceWhenTemplateIs2019() {
    fixture.documentIssued(NANGANG, "D1", "2018-05-01", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D1", "2018-06-01", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D2", "2018-07-01", DocumentKind.rule);
    fixture.documentRepealed(NANGANG, "D2", "2019-05-01", DocumentKind.rule);
    fixture.documentIssued(NANGANG, "D3", "2019-02-01", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D3", "2019-03-01", DocumentKind.rule);
    fixture.documentIssued(NANGANG, "D4", "2019-11-01", DocumentKind.rule);
    fixture.documentIssued(NANGANG, "D5", "2019-12-20", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D5", "2020-01-05", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "D6", "2019-04-01", DocumentKind.rule);
    fixture.documentRepealed(NANGANG, "D6", "2020-02-01", DocumentKind.rule);
    fixture.documentPublished(NANGANG, "N1", "2019-08-01", DocumentKind.normative_document);

    assertEquals(Map.of("made", 3L, "published", 2L, "total_published", 3L), proactive(2019).get("rules"),
        "made D3 D4 D5; published D3 D6; published and not repealed at the end of 2019: D1 D3 D6");
    assertEquals(Map.of("made", 0L, "published", 1L, "total_published", 3L), proactive(2020).get("rules"),
        "published D5; D6 repealed: D1 D3 D5");
    assertEquals(Map.of("made", 0L, "published", 1L, "total_published", 1L),
        proactive(2019).get("normative_documents"));
    assertIdentities(2019, 2020);
  }

  @Test
  void shouldCountDocumentsIssuedRepealedAndInForceWhenTemplateIs2021() {
    fixture.documentIssued(NANGANG, "D1", "2019-05-01", DocumentKind.normative_document);
    fixture.documentIssued(NANGANG, "D2", "2020-05-01", DocumentKind.normative_document);
    fixture.documentRepealed(NANGANG, "D2", "2021-03-01", DocumentKind.normative_document);
    fixture.documentIssued(NANGANG, "D3", "2021-01-01", DocumentKind.normative_document);
    fixture.documentIssued(NANGANG, "D4", "2021-02-01", DocumentKind.normative_document);
    fixture.documentRepealed(NANGANG, "D4", "2021-12-31", DocumentKind.normative_document);
    fixture.documentIssued(NANGANG, "D5", "2022-01-01", DocumentKind.normative_document);
    fixture.documentIssued(NANGANG, "R1", "2021-06-01", DocumentKind.rule);

    assertEquals(Map.of("issued", 2L, "repealed", 2L, "in_force", 2L),
        proactive(2021).get("normative_documents"), "issued D3 D4; repealed D2 D4; in force D1 D3");
    assertEquals(Map.of("issued", 1L, "repealed", 0L, "in_force", 1L), proactive(2021).get("rules"));
    assertEquals(Map.of("issued", 1L, "repealed", 0L, "in_force", 3L),
        proactive(2022).get("normative_documents"));
    assertIdentities(2021, 2022);
  }

  @Test
  void shouldCountDecisionRowsWhenTemplateIs2021() {
    fixture.decisionMade(NANGANG, "D1", "2021-02-01", DecisionKind.licensing);
    fixture.decisionMade(NANGANG, "D2", "2021-02-02", DecisionKind.licensing);
    fixture.decisionMade(NANGANG, "D3", "2021-02-03", DecisionKind.penalties);
    fixture.decisionMade(NANGANG, "D4", "2021-02-04", DecisionKind.coercion);
    fixture.decisionMade(NANGANG, "D5", "2021-02-05", DecisionKind.coercion);
    fixture.decisionMade(NANGANG, "D6", "2021-02-06", DecisionKind.coercion);
    fixture.decisionMade(NANGANG, "D7", "2021-02-07", DecisionKind.other_services);
    fixture.decisionMade(NANGANG, "D8", "2020-12-31", DecisionKind.licensing);

    Map<String, Map<String, Object>> proactive = proactive(2021);
    assertEquals(Map.of("decisions", 2L), proactive.get("licensing"));
    assertEquals(Map.of("decisions", 1L), proactive.get("penalties"));
    assertEquals(Map.of("decisions", 3L), proactive.get("coercion"));
    assertFalse(proactive.containsKey("other_services"), "the 2021 template has no other services row");
    assertIdentities(2021);
  }

  @Test
  void shouldSumFeesInWanYuanWhenTemplateIs2021() {
    fixture.feeCollected(NANGANG, "F0", "2020-12-31", "999.00");
    fixture.feeCollected(NANGANG, "F1", "2021-01-01", "1456381.00");
    fixture.feeCollected(NANGANG, "F2", "2021-12-31", "18.5");

    assertEquals(Map.of("amount", "145.6400"), proactive(2021).get("fees"), "1,456,399.50 元");
    assertEquals(Map.of("amount", "0.0000"), proactive(2022).get("fees"));
    assertIdentities(2021, 2022);
  }

  // ---- Templates ----

  @Test
  void shouldUse2019TemplateWithFoldedOtherWhenReportYearIs2020() {
    fixture.received(NANGANG, "R1", "2020-01-02", Applicant.natural_person);
    fixture.received(NANGANG, "R2", "2020-01-02", Applicant.natural_person);
    fixture.received(NANGANG, "R3", "2020-01-02", Applicant.other_org);
    fixture.concluded(NANGANG, "R1", "2020-02-02", Outcome.other_overdue_correction);
    fixture.concluded(NANGANG, "R2", "2020-02-02", Outcome.other_unpaid_fee);
    fixture.concluded(NANGANG, "R3", "2020-02-02", Outcome.other);

    Report report = fixture.report(NANGANG, 2020);
    assertEquals("2019", report.template());
    assertEquals(requestRows(false), List.copyOf(report.requests().rows().keySet()));
    assertEquals(2, report.requests().rows().get("other").get("natural_person"));
    assertEquals(1, report.requests().rows().get("other").get("other_org"));
    assertEquals(3, report.requests().rows().get("concluded_total").get("total"));
    assertEquals(List.of("rules", "normative_documents", "licensing", "other_services", "penalties", "coercion",
        "fees", "procurement"), List.copyOf(report.proactive().keySet()));
    assertEquals(List.of("items_last_year", "items_change", "decisions"),
        List.copyOf(report.proactive().get("licensing").keySet()));
    assertEquals(List.of("made", "published", "total_published"),
        List.copyOf(report.proactive().get("rules").keySet()));
    assertEquals(List.of("projects", "amount"), List.copyOf(report.proactive().get("procurement").keySet()));
    assertEquals("2019", fixture.report(NANGANG, 2019).template());
    assertIdentities(2020);
  }

  @Test
  void shouldUse2021TemplateWithThreeOtherRowsWhenReportYearIs2021() {
    fixture.received(NANGANG, "R1", "2021-01-02", Applicant.natural_person);
    fixture.received(NANGANG, "R2", "2021-01-02", Applicant.natural_person);
    fixture.received(NANGANG, "R3", "2021-01-02", Applicant.other_org);
    fixture.concluded(NANGANG, "R1", "2021-02-02", Outcome.other_overdue_correction);
    fixture.concluded(NANGANG, "R2", "2021-02-02", Outcome.other_unpaid_fee);
    fixture.concluded(NANGANG, "R3", "2021-02-02", Outcome.other);

    Report report = fixture.report(NANGANG, 2021);
    assertEquals("2021", report.template());
    Map<String, Map<String, Long>> rows = report.requests().rows();
    assertEquals(requestRows(true), List.copyOf(rows.keySet()));
    assertEquals(1, rows.get("other_overdue_correction").get("natural_person"));
    assertEquals(1, rows.get("other_unpaid_fee").get("natural_person"));
    assertEquals(0, rows.get("other").get("natural_person"));
    assertEquals(1, rows.get("other").get("other_org"));
    assertEquals(List.of("rules", "normative_documents", "licensing", "penalties", "coercion", "fees"),
        List.copyOf(report.proactive().keySet()));
    assertEquals(List.of("issued", "repealed", "in_force"), List.copyOf(report.proactive().get("rules").keySet()));
    assertEquals("2021", fixture.report(NANGANG, 2025).template());
    assertIdentities(2021);
  }

  @Test
  void shouldServeAppealBlocksAndColumnsInContractOrderWhenAnyYearIsReported() {
    fixture.filed(NANGANG, "C1", "2021-01-01", AppealKind.reconsideration);

    for (int year : new int[] {2020, 2021}) {
      Map<String, Map<String, Long>> appeals = appeals(year);
      assertEquals(List.of("reconsideration", "litigation_direct", "litigation_after_reconsideration"),
          List.copyOf(appeals.keySet()));
      appeals.values().forEach(block -> assertEquals(List.of("upheld", "corrected", "other", "pending", "total"),
          List.copyOf(block.keySet())));
    }
  }

  // ---- helpers ----

  private static List<String> requestRows(boolean template2021) {
    List<String> rows = new java.util.ArrayList<>(List.of("received", "carried_over", "granted", "partially_granted",
        "withheld_state_secret", "withheld_prohibited_by_law", "withheld_security_stability",
        "withheld_third_party_rights", "withheld_internal_affairs", "withheld_process_info",
        "withheld_enforcement_file", "withheld_admin_query", "unavailable_not_held", "unavailable_needs_creation",
        "unavailable_unclear", "declined_petition", "declined_duplicate", "declined_publication",
        "declined_excessive", "declined_reconfirm"));
    if (template2021) {
      rows.addAll(List.of("other_overdue_correction", "other_unpaid_fee"));
    }
    rows.addAll(List.of("other", "concluded_total", "carried_forward"));
    return rows;
  }

  private Map<String, Map<String, Long>> rows(int year) {
    return fixture.report(NANGANG, year).requests().rows();
  }

  private Map<String, Map<String, Long>> appeals(int year) {
    return fixture.report(NANGANG, year).appeals();
  }

  private Map<String, Map<String, Object>> proactive(int year) {
    return new LinkedHashMap<>(fixture.report(NANGANG, year).proactive());
  }

  /** R1–R5 hold in the reports of these years (R5 against the year before, from 2020 on). */
  private void assertIdentities(int... years) {
    for (int year : years) {
      assertEquals(List.of(), fixture.identityViolations(NANGANG, year), "R1–R5 in " + year);
    }
  }
}
