package org.gongkai.api.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.gongkai.events.ReportImported;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;
import org.junit.jupiter.api.Test;

/** Each derived indicator of {@link Headline}, from cells laid out by hand (docs/reports.md, "Derived indicators"). */
class HeadlineTest {

  @Test
  void shouldReadReceivedConcludedAndCarriedForwardFromTheTotalColumn() {
    Report report = Reports.of(Template.T2021).requests("received", 7).requests("concluded_total", 5)
        .requests("carried_forward", 4).build();
    assertEquals(7, Headline.received(report));
    assertEquals(5, Headline.concluded(report));
    assertEquals(4, Headline.carriedForward(report));
  }

  @Test
  void shouldCountGrantedAndPartlyGrantedPerConcludedWhenDisclosureRateIsComputed() {
    Report report = Reports.of(Template.T2021).requests("granted", 1).requests("partially_granted", 1)
        .requests("withheld_state_secret", 1).requests("concluded_total", 3).build();
    assertEquals(new BigDecimal("0.6667"), Headline.disclosureRate(report), "2/3, half up to 4 decimals");
  }

  @Test
  void shouldGiveNoDisclosureRateWhenNothingWasConcluded() {
    assertNull(Headline.disclosureRate(Reports.of(Template.T2021).requests("received", 3).build()));
  }

  @Test
  void shouldAddBothLitigationBlocksWhenLitigationsAreCounted() {
    Report report = Reports.of(Template.T2019).appeals("reconsideration", "total", 2)
        .appeals("litigation_direct", "total", 3).appeals("litigation_after_reconsideration", "total", 4).build();
    assertEquals(2, Headline.reconsiderations(report));
    assertEquals(7, Headline.litigations(report));
  }

  @Test
  void shouldLeavePendingCasesOutWhenDecidedCasesAreCounted() {
    Report report = Reports.of(Template.T2021)
        .appeals("reconsideration", "upheld", 2).appeals("reconsideration", "corrected", 1)
        .appeals("reconsideration", "pending", 5)
        .appeals("litigation_direct", "other", 1).appeals("litigation_after_reconsideration", "corrected", 2).build();
    assertEquals(6, Headline.decidedCases(report));
    assertEquals(3, Headline.correctedCases(report));
    assertEquals(new BigDecimal("0.5000"), Headline.correctionRate(report));
  }

  @Test
  void shouldGiveNoCorrectionRateWhenOnlyPendingCasesExist() {
    Report report = Reports.of(Template.T2021).appeals("reconsideration", "pending", 3).build();
    assertEquals(0, Headline.decidedCases(report));
    assertNull(Headline.correctionRate(report));
  }

  @Test
  void shouldTakeFeesFromTemplate2021AndProcurementFromTemplate2019() {
    Report t2021 = Reports.of(Template.T2021).amount("fees", "1.2345").build();
    assertEquals("1.2345", Headline.fees(t2021));
    assertNull(Headline.procurementAmount(t2021));
    Report t2019 = Reports.of(Template.T2019).amount("procurement", "145.6381").build();
    assertEquals("145.6381", Headline.procurementAmount(t2019));
    assertNull(Headline.fees(t2019), "template 2019's fees row counts items, not money");
  }

  @Test
  void shouldRoundHalfUpToFourDecimalsWhenARateIsComputed() {
    assertEquals(new BigDecimal("0.3333"), Headline.rate(1, 3));
    assertEquals(new BigDecimal("0.0001"), Headline.rate(1, 10_000 + 10_000 - 1), "0.00005000… rounds up");
    assertNull(Headline.rate(0, 0));
  }

  @Test
  void shouldLeaveFiguresNullWhenAnImportedReportLacksTheirCells() {
    // A published text that gave received and concluded, but of the granted rows only one, and no table 四.
    Map<String, Object> cells = Map.of("requests.received.total", 6L, "requests.concluded_total.total", 4L,
        "requests.granted.total", 2L, "proactive.procurement.amount", "1.5000");
    Report report = ImportedReports.report(Place.town("360923105"),
        new ReportImported("import-2019-x", "360923105", 2019, null, cells, List.of(), "x"));
    Headline headline = Headline.of(report);
    assertEquals(6L, headline.received());
    assertEquals(4L, headline.concluded());
    assertNull(headline.carriedForward());
    assertNull(headline.disclosureRate(), "partially_granted is unknown, so is the share");
    assertNull(headline.reconsiderations());
    assertNull(headline.litigations());
    assertNull(headline.decidedCases());
    assertNull(headline.correctionRate());
    assertEquals("1.5000", headline.procurementAmount());
  }
}
