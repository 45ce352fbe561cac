package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** domain.md §5: carried_forward(t) and carried_over(t) = carried_forward(t−1), across years. */
class CarryOverTest {
  private final TopologyFixture fixture = new TopologyFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldCarryForwardWhenRequestIsStillOpenAtYearEnd() {
    fixture.received(NANGANG, "R1", "2020-12-30", Applicant.commercial_enterprise);

    assertEquals(1, fixture.cell(NANGANG, 2020, "carried_forward", "commercial_enterprise"));
    assertEquals(1, fixture.cell(NANGANG, 2020, "carried_forward", "total"));
    assertEquals(0, fixture.cell(NANGANG, 2020, "concluded_total", "total"));
  }

  @Test
  void shouldCarryOverIntoNextYearWhenConcludedThere() {
    fixture.received(NANGANG, "R1", "2020-12-30", Applicant.commercial_enterprise);
    fixture.concluded(NANGANG, "R1", "2021-01-08", Outcome.other_unpaid_fee);

    assertEquals(1, fixture.cell(NANGANG, 2021, "carried_over", "commercial_enterprise"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "received", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "other_unpaid_fee", "commercial_enterprise"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "concluded_total", "total"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "carried_forward", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2020, "carried_forward", "total"),
        "the 2020 report still shows the request open at the end of 2020");
  }

  @Test
  void shouldKeepCarryingWhenOpenForSeveralYears() {
    fixture.received(NANGANG, "R1", "2019-06-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2022-03-01", Outcome.granted);

    for (int year = 2020; year <= 2021; year++) {
      assertEquals(1, fixture.cell(NANGANG, year, "carried_over", "natural_person"), "carried over into " + year);
      assertEquals(1, fixture.cell(NANGANG, year, "carried_forward", "natural_person"), "carried forward from " + year);
    }
    assertEquals(1, fixture.cell(NANGANG, 2022, "granted", "natural_person"));
    assertEquals(0, fixture.cell(NANGANG, 2022, "carried_forward", "natural_person"));
  }

  @Test
  void shouldCountResultInApplicantColumnWhenConcludedInLaterYear() {
    fixture.received(NANGANG, "R1", "2019-11-11", Applicant.legal_service_org);
    fixture.concluded(NANGANG, "R1", "2020-01-02", Outcome.partially_granted);

    assertEquals(1, fixture.cell(NANGANG, 2020, "partially_granted", "legal_service_org"));
    assertEquals(0, fixture.cell(NANGANG, 2020, "partially_granted", "natural_person"));
  }

  @Test
  void shouldFoldOtherKindsIntoOtherWhenTemplateIs2019() {
    fixture.received(NANGANG, "R1", "2020-02-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2020-03-01", Outcome.other_overdue_correction);

    var rows = fixture.report(NANGANG, 2020).requests().rows();
    assertEquals(1, rows.get("other").get("natural_person"));
    assertEquals(false, rows.containsKey("other_overdue_correction"));
  }
}
