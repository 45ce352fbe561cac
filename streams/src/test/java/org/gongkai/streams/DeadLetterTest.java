package org.gongkai.streams;

import static org.gongkai.streams.TopologyFixture.NANGANG;
import static org.gongkai.streams.TopologyFixture.OTHER_TOWN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.gongkai.events.AppealDecided;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DecisionMade;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.DocumentAction;
import org.gongkai.events.DocumentChange;
import org.gongkai.events.DocumentKind;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.ItemAction;
import org.gongkai.events.ItemChange;
import org.gongkai.events.ItemKind;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.ledger.EventLedger;
import org.gongkai.streams.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is dropped silently (domain.md §7): every rejected event lands in
 * gongkai.dead-letters with its reason code, a message a person understands, its original bytes
 * and where it came from, and the figures of the good events around it stay right.
 */
class DeadLetterTest {


  private final TopologyFixture fixture = new TopologyFixture();
  private int sequence;

  @AfterEach
  void close() {
    fixture.close();
  }

  // ---- records that cannot be read ----

  @Test
  void shouldDeadLetterGarbageWhenValueIsNotAnAvroRecord() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    byte[] garbage = "{\"type\":\"request.received\"}".getBytes(StandardCharsets.UTF_8);
    fixture.sendBytes(NANGANG, garbage);
    fixture.received(NANGANG, "R2", "2021-03-02", Applicant.natural_person);

    assertDeadLetter(onlyDeadLetter(), "undecodable", garbage, 1, "Avro");
    assertEquals(2, fixture.cell(NANGANG, 2021, "received", "natural_person"));
    assertEquals(2, fixture.report(NANGANG, 2021).events().accepted());
  }

  @Test
  void shouldDeadLetterTruncatedRecordWhenBytesAreCutShort() {
    byte[] whole = TopologyFixture.encode(filing("C1", "2021-03-01", AppealKind.reconsideration));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 4);
    fixture.sendBytes(NANGANG, truncated);
    fixture.sendBytes(NANGANG, whole);

    assertDeadLetter(onlyDeadLetter(), "undecodable", truncated, 0, "Avro");
    assertEquals(1, fixture.report(NANGANG, 2021).appeals().get("reconsideration").get("pending"));
  }

  @Test
  void shouldDeadLetterEmptyValueWhenRecordHasNoBytes() {
    fixture.sendBytes(NANGANG, new byte[0]);
    fixture.awarded(NANGANG, "P1", "2020-05-01", "10000.00");

    assertDeadLetter(onlyDeadLetter(), "undecodable", new byte[0], 0, "Avro");
    assertEquals(Map.of("projects", 1L, "amount", "1.0000"), fixture.report(NANGANG, 2020).proactive().get("procurement"));
    assertEquals(1, fixture.report(NANGANG, 2020).events().accepted());
  }

  @Test
  void shouldDeadLetterNullValueWhenTombstoneArrivesOnInputTopic() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    fixture.sendBytes(NANGANG, null);
    fixture.received(NANGANG, "R2", "2021-03-02", Applicant.natural_person);

    TestRecord<String, byte[]> letter = onlyDeadLetter();
    assertEquals("undecodable", header(letter, EventLedger.H_REASON));
    assertEquals(null, letter.value(), "the original value, null, unchanged");
    assertEquals("1", header(letter, EventLedger.H_OFFSET));
    assertEquals(2, fixture.cell(NANGANG, 2021, "received", "total"));
  }

  // ---- common checks: town, key, date ----

  @Test
  void shouldDeadLetterEventWhenTownIsUnknown() {
    byte[] bytes = send("999999999", receipt("999999999", "R1", "2021-03-01", Applicant.natural_person));
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    TestRecord<String, byte[]> letter = onlyDeadLetter();
    assertDeadLetter(letter, "unknown_town", bytes, 0, "999999999");
    assertEquals("999999999", letter.key(), "the original key");
    assertEquals(1, fixture.cell(NANGANG, 2021, "received", "total"));
    assertEquals(0, fixture.report(NANGANG, 2021).events().rejected(), "not 南港镇's event");
  }

  @Test
  void shouldDeadLetterEventWhenKeyDiffersFromTown() {
    byte[] bytes = send(OTHER_TOWN, receipt(NANGANG, "R1", "2021-03-01", Applicant.natural_person));
    fixture.received(NANGANG, "R2", "2021-03-01", Applicant.natural_person);

    TestRecord<String, byte[]> letter = onlyDeadLetter();
    assertDeadLetter(letter, "key_mismatch", bytes, 0, OTHER_TOWN);
    assertEquals(OTHER_TOWN, letter.key());
    assertEquals(1, fixture.cell(NANGANG, 2021, "received", "total"), "only R2");
    assertEquals(0, fixture.cell(OTHER_TOWN, 2021, "received", "total"));
  }

  @Test
  void shouldDeadLetterEventWhenBusinessIdHasControlCharacters() {
    byte[] bytes = send(NANGANG, receipt(NANGANG, "R\u0000\u001b[31m", "2021-03-01", Applicant.natural_person));
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    assertDeadLetter(onlyDeadLetter(), "bad_id", bytes, 0,
        "requestId \"R\\u0000\\u001b[31m\" contains a control character");
    assertEquals(1, fixture.cell(NANGANG, 2021, "received", "total"), "only R1");
  }

  @Test
  void shouldDeadLetterEventWhenEventIdIsEmpty() {
    byte[] bytes = send(NANGANG, new RequestEvent("", NANGANG, "R1", LocalDate.parse("2021-03-01"),
        new RequestReceived(Applicant.natural_person)));

    assertDeadLetter(onlyDeadLetter(), "bad_id", bytes, 0, "eventId \"\" is empty");
    assertEquals(0, fixture.cell(NANGANG, 2021, "received", "total"));
  }

  @Test
  void shouldDeadLetterEventWhenIdInsideThePayloadIsTooLong() {
    String id = "D".repeat(201);
    byte[] bytes = send(NANGANG, new DisclosureEvent(nextId(), NANGANG, LocalDate.parse("2021-03-01"),
        new DecisionMade(id, DecisionKind.penalties)));

    TestRecord<String, byte[]> letter = onlyDeadLetter();
    assertDeadLetter(letter, "bad_id", bytes, 0, "decisionId \"DDDD");
    assertTrue(header(letter, EventLedger.H_MESSAGE).endsWith("…\" is longer than 200 characters"), header(letter, EventLedger.H_MESSAGE));
  }

  @Test
  void shouldDeadLetterEventWhenIdHasTrailingWhitespace() {
    byte[] bytes = send(NANGANG, receipt(NANGANG, "R1 ", "2021-03-01", Applicant.natural_person));
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    assertDeadLetter(onlyDeadLetter(), "bad_id", bytes, 0, "has leading or trailing whitespace");
    assertEquals(1, fixture.cell(NANGANG, 2021, "received", "total"), "\"R1 \" is not a second R1");
  }

  @Test
  void shouldDeadLetterEventWhenDateIsBeforeRegulationsTookEffect() {
    byte[] bytes = send(NANGANG, receipt(NANGANG, "OLD", "2008-04-30", Applicant.natural_person));
    fixture.received(NANGANG, "FIRST", "2008-05-01", Applicant.natural_person);

    assertDeadLetter(onlyDeadLetter(), "date_out_of_range", bytes, 0, "2008-04-30");
    assertEquals(1, fixture.cell(NANGANG, 2019, "carried_over", "natural_person"),
        "the request of 2008-05-01 is still open and carried over");
  }

  @Test
  void shouldDeadLetterEventWhenDateIsInTheFuture() {
    fixture.awarded(NANGANG, "P1", "2026-11-27", "100.00");
    byte[] bytes = send(NANGANG, award(NANGANG, "P2", "2026-11-28", "100.00"));
    fixture.awarded(NANGANG, "P3", "2026-01-01", "200.00");

    assertDeadLetter(onlyDeadLetter(), "date_out_of_range", bytes, 1, "2026-11-28");
    Report report = fixture.report(NANGANG, 2026);
    assertEquals(new Report.EventCounts(2, 0, 0, 0), report.events(), "a future date cannot place the event in a year");
  }

  // ---- requests ----

  @Test
  void shouldDeadLetterConclusionWhenRequestIsUnknown() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    byte[] bytes = send(NANGANG, conclusion(NANGANG, "R404", "2021-03-05", Outcome.granted));
    fixture.concluded(NANGANG, "R1", "2021-03-06", Outcome.granted);

    assertDeadLetter(onlyDeadLetter(), "unknown_request", bytes, 1, "R404");
    assertEquals(1, fixture.cell(NANGANG, 2021, "granted", "total"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "carried_forward", "total"));
  }

  @Test
  void shouldDeadLetterConclusionWhenDatedBeforeReceipt() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.research_institution);
    byte[] bytes = send(NANGANG, conclusion(NANGANG, "R1", "2021-02-28", Outcome.granted));

    assertDeadLetter(onlyDeadLetter(), "concluded_before_received", bytes, 1, "R1");
    assertEquals(0, fixture.cell(NANGANG, 2021, "granted", "total"));
    assertEquals(1, fixture.cell(NANGANG, 2021, "carried_forward", "research_institution"));
  }

  @Test
  void shouldDeadLetterSecondConclusionWhenOutcomeDiffers() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2021-03-10", Outcome.withheld_state_secret);
    byte[] bytes = send(NANGANG, conclusion(NANGANG, "R1", "2021-03-10", Outcome.granted));

    assertDeadLetter(onlyDeadLetter(), "second_conclusion", bytes, 2, "R1");
    assertEquals(1, fixture.cell(NANGANG, 2021, "withheld_state_secret", "total"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "granted", "total"));
  }

  @Test
  void shouldDeadLetterSecondConclusionWhenDateDiffers() {
    fixture.received(NANGANG, "R1", "2020-12-01", Applicant.natural_person);
    fixture.concluded(NANGANG, "R1", "2020-12-20", Outcome.granted);
    byte[] bytes = send(NANGANG, conclusion(NANGANG, "R1", "2021-01-05", Outcome.granted));

    assertDeadLetter(onlyDeadLetter(), "second_conclusion", bytes, 2, "R1");
    assertEquals(1, fixture.cell(NANGANG, 2020, "granted", "total"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "granted", "total"));
    assertEquals(1, fixture.report(NANGANG, 2021).events().rejected());
  }

  @Test
  void shouldDeadLetterReceiptWhenSameRequestHasOtherApplicant() {
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);
    byte[] bytes = send(NANGANG, receipt(NANGANG, "R1", "2021-03-01", Applicant.other_org));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "R1");
    assertEquals(1, fixture.cell(NANGANG, 2021, "received", "natural_person"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "received", "other_org"));
  }

  @Test
  void shouldDeadLetterReceiptWhenSameRequestHasOtherDate() {
    fixture.received(NANGANG, "R1", "2020-12-31", Applicant.natural_person);
    byte[] bytes = send(NANGANG, receipt(NANGANG, "R1", "2021-01-01", Applicant.natural_person));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "R1");
    assertEquals(1, fixture.cell(NANGANG, 2020, "received", "total"));
    assertEquals(0, fixture.cell(NANGANG, 2021, "received", "total"));
  }

  // ---- appeals ----

  @Test
  void shouldDeadLetterDecisionWhenCaseIsUnknown() {
    byte[] bytes = send(NANGANG, decision(NANGANG, "C404", "2021-03-01", AppealResult.upheld));
    fixture.filed(NANGANG, "C1", "2021-03-01", AppealKind.litigation_direct);

    assertDeadLetter(onlyDeadLetter(), "unknown_case", bytes, 0, "C404");
    assertEquals(Map.of("upheld", 0L, "corrected", 0L, "other", 0L, "pending", 1L, "total", 1L),
        fixture.report(NANGANG, 2021).appeals().get("litigation_direct"));
  }

  @Test
  void shouldDeadLetterDecisionWhenDatedBeforeFiling() {
    fixture.filed(NANGANG, "C1", "2021-03-01", AppealKind.reconsideration);
    byte[] bytes = send(NANGANG, decision(NANGANG, "C1", "2021-02-01", AppealResult.corrected));

    assertDeadLetter(onlyDeadLetter(), "decided_before_filed", bytes, 1, "C1");
    assertEquals(Map.of("upheld", 0L, "corrected", 0L, "other", 0L, "pending", 1L, "total", 1L),
        fixture.report(NANGANG, 2021).appeals().get("reconsideration"));
  }

  @Test
  void shouldDeadLetterSecondDecisionWhenResultDiffers() {
    fixture.filed(NANGANG, "C1", "2021-03-01", AppealKind.reconsideration);
    fixture.decided(NANGANG, "C1", "2021-04-01", AppealResult.upheld);
    byte[] bytes = send(NANGANG, decision(NANGANG, "C1", "2021-04-01", AppealResult.corrected));

    assertDeadLetter(onlyDeadLetter(), "second_decision", bytes, 2, "C1");
    assertEquals(Map.of("upheld", 1L, "corrected", 0L, "other", 0L, "pending", 0L, "total", 1L),
        fixture.report(NANGANG, 2021).appeals().get("reconsideration"));
  }

  @Test
  void shouldDeadLetterFilingWhenSameCaseHasOtherKind() {
    fixture.filed(NANGANG, "C1", "2021-03-01", AppealKind.reconsideration);
    byte[] bytes = send(NANGANG, filing("C1", "2021-03-01", AppealKind.litigation_direct));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "C1");
    assertEquals(1, fixture.report(NANGANG, 2021).appeals().get("reconsideration").get("pending"));
    assertEquals(0, fixture.report(NANGANG, 2021).appeals().get("litigation_direct").get("total"));
  }

  // ---- money ----

  @Test
  void shouldDeadLetterProcurementWhenAmountIsNegative() {
    fixture.awarded(NANGANG, "P1", "2020-03-01", "1456381.00");
    byte[] bytes = send(NANGANG, award(NANGANG, "P2", "2020-03-02", "-100.00"));
    fixture.awarded(NANGANG, "P3", "2020-03-03", "10000.00");

    assertDeadLetter(onlyDeadLetter(), "bad_amount", bytes, 1, "-100.00");
    assertEquals(Map.of("projects", 2L, "amount", "146.6381"), fixture.report(NANGANG, 2020).proactive().get("procurement"));
  }

  @Test
  void shouldDeadLetterFeeWhenAmountIsNegative() {
    fixture.feeCollected(NANGANG, "F1", "2021-03-01", "50000.00");
    byte[] bytes = send(NANGANG, fee(NANGANG, "F2", "2021-03-02", "-0.01"));

    assertDeadLetter(onlyDeadLetter(), "bad_amount", bytes, 1, "-0.01");
    assertEquals(Map.of("amount", "5.0000"), fixture.report(NANGANG, 2021).proactive().get("fees"));
  }

  @Test
  void shouldDeadLetterProcurementWhenAmountHasThreeDecimals() {
    byte[] bytes = send(NANGANG, award(NANGANG, "P1", "2020-03-02", "8228.705"));
    fixture.awarded(NANGANG, "P2", "2020-03-03", "8228.70");

    assertDeadLetter(onlyDeadLetter(), "bad_amount", bytes, 0, "8228.705");
    assertEquals(Map.of("projects", 1L, "amount", "0.8229"), fixture.report(NANGANG, 2020).proactive().get("procurement"));
  }

  @Test
  void shouldDeadLetterFeeWhenAmountHasThreeDecimals() {
    byte[] bytes = send(NANGANG, fee(NANGANG, "F1", "2021-03-02", "10.001"));
    fixture.feeCollected(NANGANG, "F2", "2021-03-02", "10000");

    assertDeadLetter(onlyDeadLetter(), "bad_amount", bytes, 0, "10.001");
    assertEquals(Map.of("amount", "1.0000"), fixture.report(NANGANG, 2021).proactive().get("fees"));
  }

  @Test
  void shouldDeadLetterAmountWhenThirdDecimalIsZero() {
    byte[] bytes = send(NANGANG, award(NANGANG, "P1", "2020-03-02", "8228.700"));
    fixture.awarded(NANGANG, "P2", "2020-03-03", "100.00");

    assertDeadLetter(onlyDeadLetter(), "bad_amount", bytes, 0, "8228.700");
    assertEquals(Map.of("projects", 1L, "amount", "0.0100"), fixture.report(NANGANG, 2020).proactive().get("procurement"));
  }

  @Test
  void shouldDeadLetterAmountWhenWrittenWithExponentOrSign() {
    byte[] exponent = send(NANGANG, fee(NANGANG, "F1", "2021-03-02", "1E+3"));
    byte[] sign = send(NANGANG, fee(NANGANG, "F2", "2021-03-02", "+100.00"));

    List<TestRecord<String, byte[]>> letters = fixture.deadLetters();
    assertEquals(2, letters.size(), "both rejected");
    assertDeadLetter(letters.get(0), "bad_amount", exponent, 0, "1E+3");
    assertDeadLetter(letters.get(1), "bad_amount", sign, 1, "+100.00");
    assertEquals(Map.of("amount", "0.0000"), fixture.report(NANGANG, 2021).proactive().get("fees"));
  }

  @Test
  void shouldDeadLetterAmountWhenItIsNotADecimalNumber() {
    byte[] bytes = send(NANGANG, award(NANGANG, "P1", "2020-03-02", "1,456,381.00"));

    assertDeadLetter(onlyDeadLetter(), "bad_amount", bytes, 0, "1,456,381.00");
    assertEquals(Map.of("projects", 0L, "amount", "0.0000"), fixture.report(NANGANG, 2020).proactive().get("procurement"));
  }

  @Test
  void shouldDeadLetterProcurementWhenSameProjectHasOtherAmount() {
    fixture.awarded(NANGANG, "P1", "2020-03-01", "1456381.00");
    byte[] bytes = send(NANGANG, award(NANGANG, "P1", "2020-03-01", "1456381.01"));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "P1");
    assertEquals(Map.of("projects", 1L, "amount", "145.6381"), fixture.report(NANGANG, 2020).proactive().get("procurement"));
  }

  @Test
  void shouldDeadLetterProcurementWhenSameProjectHasOtherDate() {
    fixture.awarded(NANGANG, "P1", "2020-12-31", "100.00");
    byte[] bytes = send(NANGANG, award(NANGANG, "P1", "2021-01-01", "100.00"));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "P1");
    assertEquals(1L, fixture.report(NANGANG, 2020).proactive().get("procurement").get("projects"));
    assertEquals(1, fixture.report(NANGANG, 2021).events().rejected());
  }

  @Test
  void shouldDeadLetterFeeWhenSameFeeHasOtherAmount() {
    fixture.feeCollected(NANGANG, "F1", "2021-03-01", "200.00");
    byte[] bytes = send(NANGANG, fee(NANGANG, "F1", "2021-03-01", "300.00"));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "F1");
    assertEquals(Map.of("amount", "0.0200"), fixture.report(NANGANG, 2021).proactive().get("fees"));
  }

  // ---- documents, items, decisions ----

  @Test
  void shouldDeadLetterDocumentIssueWhenSameDocumentHasOtherDate() {
    fixture.documentIssued(NANGANG, "D1", "2021-03-01", DocumentKind.rule);
    byte[] bytes = send(NANGANG,
        document(NANGANG, "D1", "2021-04-01", DocumentAction.issued, DocumentKind.rule));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "D1");
    assertEquals(Map.of("issued", 1L, "repealed", 0L, "in_force", 1L), fixture.report(NANGANG, 2021).proactive().get("rules"));
  }

  @Test
  void shouldDeadLetterDocumentWhenSameDocumentHasOtherKind() {
    fixture.documentPublished(NANGANG, "D1", "2020-03-01", DocumentKind.rule);
    byte[] bytes = send(NANGANG,
        document(NANGANG, "D1", "2020-03-01", DocumentAction.published, DocumentKind.normative_document));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "D1");
    assertEquals(1L, fixture.report(NANGANG, 2020).proactive().get("rules").get("published"));
    assertEquals(0L, fixture.report(NANGANG, 2020).proactive().get("normative_documents").get("published"));
  }

  @Test
  void shouldDeadLetterRepealWhenDocumentIsUnknown() {
    byte[] bytes = send(NANGANG,
        document(NANGANG, "D404", "2021-03-01", DocumentAction.repealed, DocumentKind.rule));
    fixture.documentIssued(NANGANG, "D1", "2021-03-01", DocumentKind.rule);

    assertDeadLetter(onlyDeadLetter(), "unknown_document", bytes, 0, "D404");
    assertEquals(Map.of("issued", 1L, "repealed", 0L, "in_force", 1L), fixture.report(NANGANG, 2021).proactive().get("rules"));
  }

  @Test
  void shouldDeadLetterRepealWhenDatedBeforeIssue() {
    fixture.documentIssued(NANGANG, "D1", "2021-03-01", DocumentKind.normative_document);
    byte[] bytes = send(NANGANG,
        document(NANGANG, "D1", "2021-02-01", DocumentAction.repealed, DocumentKind.normative_document));

    assertDeadLetter(onlyDeadLetter(), "document_order", bytes, 1, "D1");
    assertEquals(Map.of("issued", 1L, "repealed", 0L, "in_force", 1L),
        fixture.report(NANGANG, 2021).proactive().get("normative_documents"));
  }

  @Test
  void shouldDeadLetterPublicationWhenDocumentWasAlreadyRepealed() {
    fixture.documentIssued(NANGANG, "D1", "2020-03-01", DocumentKind.rule);
    fixture.documentRepealed(NANGANG, "D1", "2020-06-01", DocumentKind.rule);
    byte[] bytes = send(NANGANG,
        document(NANGANG, "D1", "2020-07-01", DocumentAction.published, DocumentKind.rule));

    assertDeadLetter(onlyDeadLetter(), "document_order", bytes, 2, "D1");
    assertEquals(Map.of("made", 1L, "published", 0L, "total_published", 0L),
        fixture.report(NANGANG, 2020).proactive().get("rules"));
  }

  @Test
  void shouldDeadLetterItemWhenSameItemIsAddedOnOtherDate() {
    fixture.itemAdded(NANGANG, "I1", "2019-03-01", ItemKind.licensing);
    byte[] bytes = send(NANGANG, item(NANGANG, "I1", "2020-03-01", ItemAction.added, ItemKind.licensing));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "I1");
    assertEquals(1L, fixture.report(NANGANG, 2020).proactive().get("licensing").get("items_last_year"));
    assertEquals(0L, fixture.report(NANGANG, 2020).proactive().get("licensing").get("items_change"));
  }

  @Test
  void shouldDeadLetterItemWhenSameItemHasOtherKind() {
    fixture.itemAdded(NANGANG, "I1", "2020-03-01", ItemKind.licensing);
    byte[] bytes = send(NANGANG, item(NANGANG, "I1", "2020-04-01", ItemAction.removed, ItemKind.penalties));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "I1");
    assertEquals(1L, fixture.report(NANGANG, 2020).proactive().get("licensing").get("items_change"));
    assertEquals(0L, fixture.report(NANGANG, 2020).proactive().get("penalties").get("items_change"));
  }

  @Test
  void shouldDeadLetterRemovalWhenItemIsUnknown() {
    byte[] bytes = send(NANGANG, item(NANGANG, "I404", "2020-04-01", ItemAction.removed, ItemKind.fees));
    fixture.itemAdded(NANGANG, "I1", "2020-03-01", ItemKind.fees);

    assertDeadLetter(onlyDeadLetter(), "unknown_item", bytes, 0, "I404");
    assertEquals(1L, fixture.report(NANGANG, 2020).proactive().get("fees").get("items_change"));
  }

  @Test
  void shouldDeadLetterRemovalWhenDatedBeforeItemWasAdded() {
    fixture.itemAdded(NANGANG, "I1", "2020-03-01", ItemKind.coercion);
    byte[] bytes = send(NANGANG, item(NANGANG, "I1", "2020-02-01", ItemAction.removed, ItemKind.coercion));

    assertDeadLetter(onlyDeadLetter(), "removed_before_added", bytes, 1, "I1");
    assertEquals(1L, fixture.report(NANGANG, 2020).proactive().get("coercion").get("items_change"));
  }

  @Test
  void shouldDeadLetterDecisionWhenSameDecisionHasOtherKind() {
    fixture.decisionMade(NANGANG, "X1", "2021-03-01", DecisionKind.licensing);
    byte[] bytes = send(NANGANG, decisionMade(NANGANG, "X1", "2021-03-01", DecisionKind.penalties));

    assertDeadLetter(onlyDeadLetter(), "conflict", bytes, 1, "X1");
    assertEquals(Map.of("decisions", 1L), fixture.report(NANGANG, 2021).proactive().get("licensing"));
    assertEquals(Map.of("decisions", 0L), fixture.report(NANGANG, 2021).proactive().get("penalties"));
  }

  // ---- year.closed ----

  @Test
  void shouldDeadLetterClosureWhenYearIsBeforeFirstReportYear() {
    fixture.received(NANGANG, "R1", "2018-03-01", Applicant.natural_person);
    byte[] bytes = send(NANGANG, new YearClosedEvent(nextId(), NANGANG, 2018));

    assertDeadLetter(onlyDeadLetter(), "bad_year", bytes, 1, "2018");
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2019).status());
    assertEquals(1, fixture.cell(NANGANG, 2019, "carried_over", "total"));
  }

  @Test
  void shouldDeadLetterClosureWhenYearHasNotEnded() {
    fixture.received(NANGANG, "R1", "2026-03-01", Applicant.natural_person);
    byte[] bytes = send(NANGANG, new YearClosedEvent(nextId(), NANGANG, 2026));

    assertDeadLetter(onlyDeadLetter(), "bad_year", bytes, 1, "2026");
    assertEquals(Report.OPEN, fixture.report(NANGANG, 2026).status());
  }

  @Test
  void shouldDeadLetterClosureWhenYearIsInTheFuture() {
    byte[] bytes = send(NANGANG, new YearClosedEvent(nextId(), NANGANG, 2027));
    fixture.closed(NANGANG, 2025);

    assertDeadLetter(onlyDeadLetter(), "bad_year", bytes, 0, "2027");
    assertEquals(Report.FINAL, fixture.report(NANGANG, 2025).status());
  }

  // ---- the streams keep going, and count what they reject ----

  @Test
  void shouldCountGoodEventWhenItFollowsTwentyBadOnes() {
    for (int i = 0; i < 5; i++) {
      fixture.sendBytes(NANGANG, new byte[] {(byte) 0xC3, 0x01, (byte) i});
      send(NANGANG, conclusion(NANGANG, "R404-" + i, "2021-02-01", Outcome.granted));
      send(NANGANG, award(NANGANG, "P" + i, "2021-02-01", "-" + i + ".5"));
      send("999999999", new AppealEvent(nextId(), "999999999", "C" + i,
          LocalDate.parse("2021-02-01"), new AppealFiled(AppealKind.reconsideration)));
    }
    fixture.received(NANGANG, "R1", "2021-03-01", Applicant.natural_person);

    assertEquals(20, fixture.deadLetters().size());
    assertEquals(1, fixture.cell(NANGANG, 2021, "received", "natural_person"));
    assertEquals(1, fixture.report(NANGANG, 2021).events().accepted());
  }

  @Test
  void shouldCountRejectedEventsInTheirYearWhenTownAndDateAreValid() {
    send(NANGANG, conclusion(NANGANG, "R404", "2020-06-01", Outcome.granted));
    send(NANGANG, award(NANGANG, "P1", "2020-06-01", "-1"));
    send(NANGANG, decision(NANGANG, "C404", "2021-06-01", AppealResult.other));
    send(NANGANG, receipt(NANGANG, "R1", "2030-01-01", Applicant.natural_person));
    send("999999999", receipt("999999999", "R2", "2020-01-01", Applicant.natural_person));
    fixture.sendBytes(NANGANG, new byte[] {1, 2, 3});
    fixture.received(NANGANG, "R3", "2020-01-01", Applicant.natural_person);

    assertEquals(6, fixture.deadLetters().size());
    assertEquals(new Report.EventCounts(1, 0, 2, 0), fixture.report(NANGANG, 2020).events());
    assertEquals(new Report.EventCounts(0, 0, 1, 0), fixture.report(NANGANG, 2021).events());
  }

  @Test
  void shouldWriteEachHeaderOnceWhenDeadLettering() {
    byte[] bytes = TopologyFixture.encode(conclusion(NANGANG, "R404", "2021-01-01", Outcome.other));
    fixture.sendBytes(NANGANG, bytes);

    TestRecord<String, byte[]> letter = onlyDeadLetter();
    assertDeadLetter(letter, "unknown_request", bytes, 0, "R404");
    assertEquals(List.of(EventLedger.H_REASON, EventLedger.H_MESSAGE, EventLedger.H_TOPIC, EventLedger.H_PARTITION, EventLedger.H_OFFSET),
        Arrays.stream(letter.headers().toArray()).map(Header::key).toList(),
        "each header once: reason, message, topic, partition and offset");
  }

  // ---- helpers ----

  private String nextId() {
    return "dl" + (++sequence);
  }

  private byte[] send(String key, SpecificRecord event) {
    byte[] bytes = TopologyFixture.encode(event);
    fixture.sendBytes(key, bytes);
    return bytes;
  }

  private RequestEvent receipt(String town, String request, String date, Applicant applicant) {
    return new RequestEvent(nextId(), town, request, LocalDate.parse(date), new RequestReceived(applicant));
  }

  private RequestEvent conclusion(String town, String request, String date, Outcome outcome) {
    return new RequestEvent(nextId(), town, request, LocalDate.parse(date), new RequestConcluded(outcome));
  }

  private AppealEvent filing(String caseId, String date, AppealKind kind) {
    return new AppealEvent(nextId(), NANGANG, caseId, LocalDate.parse(date), new AppealFiled(kind));
  }

  private AppealEvent decision(String town, String caseId, String date, AppealResult result) {
    return new AppealEvent(nextId(), town, caseId, LocalDate.parse(date), new AppealDecided(result));
  }

  private ProcurementEvent award(String town, String project, String date, String yuan) {
    return new ProcurementEvent(nextId(), town, project, LocalDate.parse(date), yuan);
  }

  private DisclosureEvent fee(String town, String fee, String date, String yuan) {
    return new DisclosureEvent(nextId(), town, LocalDate.parse(date), new FeeCollected(fee, yuan));
  }

  private DisclosureEvent document(String town, String id, String date, DocumentAction action, DocumentKind kind) {
    return new DisclosureEvent(nextId(), town, LocalDate.parse(date), new DocumentChange(id, action, kind));
  }

  private DisclosureEvent item(String town, String id, String date, ItemAction action, ItemKind kind) {
    return new DisclosureEvent(nextId(), town, LocalDate.parse(date), new ItemChange(id, action, kind));
  }

  private DisclosureEvent decisionMade(String town, String id, String date, DecisionKind kind) {
    return new DisclosureEvent(nextId(), town, LocalDate.parse(date), new DecisionMade(id, kind));
  }

  private TestRecord<String, byte[]> onlyDeadLetter() {
    List<TestRecord<String, byte[]>> letters = fixture.deadLetters();
    assertEquals(1, letters.size(), () -> "dead letters: " + letters.stream()
        .map(l -> header(l, EventLedger.H_REASON) + ": " + header(l, EventLedger.H_MESSAGE)).toList());
    return letters.get(0);
  }

  /**
   * The letter has the reason code, a message that names {@code mentions}, the original bytes
   * and the source (the events topic), partition and offset.
   */
  private static void assertDeadLetter(TestRecord<String, byte[]> letter, String reason, byte[] original,
      long offset, String mentions) {
    assertEquals(reason, header(letter, "gongkai.reason"));
    String message = header(letter, EventLedger.H_MESSAGE);
    assertNotNull(message, "a message header");
    assertTrue(message.contains(mentions), () -> "message \"" + message + "\" should mention " + mentions);
    assertArrayEquals(original, letter.value(), "the original value bytes, unchanged");
    assertEquals(Topics.EVENTS.name(), header(letter, EventLedger.H_TOPIC));
    assertEquals("0", header(letter, EventLedger.H_PARTITION));
    assertEquals(Long.toString(offset), header(letter, EventLedger.H_OFFSET));
  }

  @Test
  void shouldCapMessageWhenRejectedEventQuotesAHugeValue() {
    String hugeTown = "3".repeat(600_000);
    fixture.send(hugeTown, new org.gongkai.events.RequestEvent("e-huge",
        hugeTown, "R1", LocalDate.parse("2021-03-01"), new org.gongkai.events.RequestReceived(Applicant.natural_person)));

    TestRecord<String, byte[]> letter = fixture.deadLetters().get(0);
    assertEquals("unknown_town", header(letter, EventLedger.H_REASON));
    assertTrue(header(letter, EventLedger.H_MESSAGE).length() < 1100, "the message quotes at most 1,000 characters");
  }

  private static String header(TestRecord<String, byte[]> letter, String name) {
    Header header = letter.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
