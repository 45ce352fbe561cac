package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.state.Receipt;
import org.gongkai.state.ReceiptRejection;
import org.gongkai.state.ReceiptYear;
import org.gongkai.state.Rejection;
import org.gongkai.streams.ledger.EventLedger;
import org.gongkai.streams.ledger.Receipts;
import org.gongkai.streams.ledger.Rejections;
import org.gongkai.streams.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the clerk learns of each event (docs/events.md, "What became of an event"): the receipt of
 * a publish per town and year, and the town's rejected events; and that a town's events are
 * applied in the order it published them, so a close certifies exactly what came before it.
 */
class ReceiptsTest {
  private static final String BATCH = "b-1";
  private final TopologyFixture fixture = new TopologyFixture();
  private int line;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldCountEveryEventOfAPublishPerYearWithItsRejectionsByLine() {
    publish(received("R1", "2020-03-01"));
    publish(received("R2", "2021-03-01"));
    publish(received("R2", "2021-03-01")); // the same again: a duplicate
    publish(concluded("R9", "2021-04-01")); // never received: rejected
    publish(award("P1", "2021-05-01", "12.345")); // 3 decimals: rejected

    Receipt receipt = receipt(BATCH);
    assertEquals(5, receipt.getEvents());
    assertEquals(List.of(new ReceiptYear(2020, 1L, 0L, 0L, 0L), new ReceiptYear(2021, 1L, 0L, 1L, 2L)),
        receipt.getYears());
    List<ReceiptRejection> rejections = receipt.getRejections();
    assertEquals(List.of(4, 5), rejections.stream().map(ReceiptRejection::getLine).toList());
    assertEquals(List.of("unknown_request", "bad_amount"), rejections.stream().map(ReceiptRejection::getReason).toList());
    assertEquals("e4", rejections.get(0).getEventId());
    assertEquals(3, rejections.get(0).getOffset(), "the offset on gongkai.events");
  }

  @Test
  void shouldCountAYearInFullWhenItsCloseIsPublishedAfterItsEvents() {
    publish(received("R1", "2021-03-01"));
    publish(concluded("R1", "2021-03-20"));
    publish(received("R2", "2021-12-30"));
    publish(new YearClosedEvent(id(), NANGANG, 2021));

    Report closed = fixture.report(NANGANG, 2021);
    assertEquals(Report.FINAL, closed.status());
    assertEquals(2, closed.requests().rows().get("received").get("total"));
    assertEquals(1, closed.requests().rows().get("carried_forward").get("total"));
    assertEquals(0, closed.events().late());
    assertEquals(List.of(new ReceiptYear(2021, 4L, 0L, 0L, 0L)), receipt(BATCH).getYears());
  }

  @Test
  void shouldCountAnEventLateWhenTheTownPublishedItAfterClosingItsYear() {
    publish(received("R1", "2021-03-01"));
    publish(new YearClosedEvent(id(), NANGANG, 2021));
    publish(received("R2", "2021-12-30"));

    assertEquals(1, fixture.report(NANGANG, 2021).requests().rows().get("received").get("total"));
    Report next = fixture.report(NANGANG, 2022);
    assertEquals(1, next.events().late());
    assertEquals(1, next.requests().rows().get("received").get("total"), "late: counted in the first open year");
    assertEquals(List.of(new ReceiptYear(2021, 2L, 1L, 0L, 0L)), receipt(BATCH).getYears());
  }

  @Test
  void shouldKeepNoReceiptWhenAnEventComesWithoutAPublish() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    try (KeyValueIterator<String, Receipt> all = fixture.<Receipt>store(StoreNames.RECEIPTS).all()) {
      assertEquals(false, all.hasNext());
    }
  }

  @Test
  void shouldForgetAReceiptAWeekAfterItsPublish() {
    publish(received("R1", "2021-03-01"));
    fixture.advanceWallClock(Duration.ofDays(6));
    assertNotNull(receipt(BATCH), "kept for a week");

    fixture.advanceWallClock(Duration.ofDays(2));
    assertNull(receipt(BATCH));
  }

  @Test
  void shouldKeepEveryRejectedEventOfATownWithItsYearReasonAndBytes() {
    publish(received("R1", "2020-03-01"));
    byte[] bad = publish(concluded("R9", "2021-04-01"));
    fixture.sendBytes(NANGANG, new byte[] {1, 2, 3});

    KeyValueStore<String, Rejection> store = fixture.store(StoreNames.REJECTIONS);
    List<KeyValue<String, Rejection>> all = new ArrayList<>();
    try (KeyValueIterator<String, Rejection> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    assertEquals(List.of(Rejections.key(NANGANG, 1), Rejections.key(NANGANG, 2)), all.stream().map(kv -> kv.key).toList());
    Rejection unknown = all.get(0).value;
    assertEquals(2021, unknown.getYear());
    assertEquals("unknown_request", unknown.getReason());
    assertEquals(2, unknown.getLine());
    assertEquals(BATCH, unknown.getBatch());
    assertEquals(java.nio.ByteBuffer.wrap(bad), unknown.getValue());
    Rejection garbage = all.get(1).value;
    assertEquals("undecodable", garbage.getReason());
    assertNull(garbage.getLine(), "sent without publish: no line");
    assertEquals(LocalDate.now(org.gongkai.streams.ledger.EventChecks.CHINA).getYear(), garbage.getYear(),
        "no readable date: the year it was published in");
  }

  // ---- helpers ----

  /** Sends the event as publish does: with the batch and its line. */
  private byte[] publish(SpecificRecord payload) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventLedger.H_BATCH, BATCH.getBytes(StandardCharsets.UTF_8));
    headers.add(EventLedger.H_LINE, Integer.toString(++line).getBytes(StandardCharsets.UTF_8));
    byte[] value = TopologyFixture.encode(payload);
    fixture.sendWithHeaders(NANGANG, value, headers);
    return value;
  }

  private Receipt receipt(String batch) {
    return fixture.<Receipt>store(StoreNames.RECEIPTS).get(Receipts.key(NANGANG, batch));
  }

  private String id() {
    return "e" + (line + 1);
  }

  private RequestEvent received(String request, String date) {
    return new RequestEvent(id(), NANGANG, request, LocalDate.parse(date), new RequestReceived(Applicant.natural_person));
  }

  private RequestEvent concluded(String request, String date) {
    return new RequestEvent(id(), NANGANG, request, LocalDate.parse(date), new RequestConcluded(Outcome.granted));
  }

  private ProcurementEvent award(String project, String date, String yuan) {
    return new ProcurementEvent(id(), NANGANG, project, LocalDate.parse(date), yuan);
  }
}
