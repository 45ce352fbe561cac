package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Content negotiation by the Accept header's weights (RFC 9110 section 12.5.1), without HTTP. */
class ReportFormatsTest {

  @Test
  void shouldChooseTheHeaviestFormatWhenRangesHaveWeights() {
    assertEquals(Optional.of("json"), ReportFormats.fromAccept("text/html;q=0.9, application/json;q=1.0"));
    assertEquals(Optional.of("csv"), ReportFormats.fromAccept("text/html;q=0.1, text/csv;q=0.9, */*;q=0"));
    assertEquals(Optional.of("text"), ReportFormats.fromAccept("text/plain; charset=utf-8; q=0.5, text/html;q=0.4"));
  }

  @Test
  void shouldLetTheMostSpecificRangeDecideWhenSeveralMatch() {
    assertEquals(Optional.of("html"), ReportFormats.fromAccept("text/csv;q=0, text/*;q=0.5"));
    assertEquals(Optional.of("csv"), ReportFormats.fromAccept("*/*;q=0.1, text/csv"));
    assertEquals(Optional.of("json"), ReportFormats.fromAccept("*/*"));
    assertEquals(Optional.of("json"), ReportFormats.fromAccept("*"));
    assertEquals(Optional.of("json"), ReportFormats.fromAccept("application/*"));
  }

  @Test
  void shouldBreakATieByTheClientsOrderWhenWeightsAreEqual() {
    assertEquals(Optional.of("html"), ReportFormats.fromAccept("text/html, application/json"));
    assertEquals(Optional.of("csv"), ReportFormats.fromAccept("TEXT/CSV;Q=0.8, text/plain;q=0.8"));
  }

  @Test
  void shouldRefuseWith406WhenNoFormatIsAcceptable() {
    for (String accept : new String[] {"image/png", "application/json;q=0", "*/*;q=0", "application/xml, image/png;q=0.9"}) {
      ApiError error = assertThrows(ApiError.class, () -> ReportFormats.fromAccept(accept), accept);
      assertEquals(406, error.status());
    }
  }

  @Test
  void shouldIgnoreMalformedRangesWhenTheHeaderHasThem() {
    assertEquals(Optional.empty(), ReportFormats.fromAccept(";;;,,,;q=;"), "no media range: no Accept header");
    assertEquals(Optional.empty(), ReportFormats.fromAccept("text/csv;q=2, text/html;q=abc"), "bad weights are dropped");
    assertEquals(Optional.of("csv"), ReportFormats.fromAccept("text/html;q=x, text/csv"));
    assertEquals(Optional.empty(), ReportFormats.fromAccept(null));
  }
}
