package org.gongkai.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.AppealKind;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.TownEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.state.YearTally;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  static {
    // Avro reads the trusted packages once, on its first class check: before any record is built.
    TrustedPackages.install();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOWN = "360923105";
  private static final LocalDate DAY = LocalDate.of(2020, 6, 16);
  /** The one serde of the events topic. */
  private static final AvroSerde<TownEvent> EVENTS = (AvroSerde<TownEvent>) Topics.EVENTS.valueSerde();

  // ---- round trips, one per event record type ----

  @Test
  void shouldRoundTripRequestEventWhenEncodedAndDecoded() {
    RequestEvent event = RequestEvent.newBuilder()
        .setEventId("nangang-2020-req-001-concluded").setTown(TOWN).setRequestId("NG-2020-YSQ-001")
        .setDate(DAY).setChange(new RequestConcluded(Outcome.granted)).build();

    assertEquals(new TownEvent(event), roundTrip(EVENTS, new TownEvent(event)));
  }

  @Test
  void shouldRoundTripProcurementEventWhenEncodedAndDecoded() {
    ProcurementEvent event = procurement();

    assertEquals(new TownEvent(event), roundTrip(EVENTS, new TownEvent(event)));
  }

  @Test
  void shouldRoundTripAppealEventWhenEncodedAndDecoded() {
    AppealEvent event = AppealEvent.newBuilder()
        .setEventId("case-1-filed").setTown(TOWN).setCaseId("FY-2020-1").setDate(DAY)
        .setChange(new AppealFiled(AppealKind.litigation_after_reconsideration)).build();

    assertEquals(new TownEvent(event), roundTrip(EVENTS, new TownEvent(event)));
  }

  @Test
  void shouldRoundTripDisclosureEventWhenEncodedAndDecoded() {
    DisclosureEvent event = DisclosureEvent.newBuilder()
        .setEventId("fee-1").setTown(TOWN).setDate(DAY).setFact(new FeeCollected("SF-1", "120.50")).build();

    assertEquals(new TownEvent(event), roundTrip(EVENTS, new TownEvent(event)));
  }

  @Test
  void shouldRoundTripYearClosedEventWhenEncodedAndDecoded() {
    YearClosedEvent event = new YearClosedEvent("close-2020", TOWN, 2020);

    assertEquals(new TownEvent(event), roundTrip(EVENTS, new TownEvent(event)));
  }

  @Test
  void shouldWriteSingleObjectHeaderWhenEncoding() {
    byte[] bytes = EVENTS.encode(new TownEvent(procurement()));

    assertArrayEquals(new byte[] {(byte) 0xC3, 0x01}, Arrays.copyOf(bytes, 2));
  }

  // ---- schema evolution ----

  /**
   * The valid direction: the current reader has a field with a default that an older writer
   * lacked. ProcurementEvent has no defaulted field, so the evolution is shown on YearTally,
   * whose {@code townsStarting} count (default 0) stands for a field added after the bytes were
   * written. The older schema is the current one's JSON without that field.
   */
  @Test
  void shouldDecodeBytesOfAnOlderWriterWhenItsSchemaIsRegistered() throws IOException {
    Schema older = withoutField(YearTally.getClassSchema(), "townsStarting");
    YearTally current = tally(1);
    byte[] oldBytes = encode(copy(current, older));
    AvroSerde<YearTally> serde = new AvroSerde<>(YearTally.getClassSchema(), List.of(older));

    YearTally decoded = serde.decode(oldBytes);

    assertEquals(tally(0), decoded);
  }

  @Test
  void shouldRejectBytesOfAnOlderWriterWhenItsSchemaIsNotRegistered() throws IOException {
    Schema older = withoutField(YearTally.getClassSchema(), "townsStarting");
    byte[] oldBytes = encode(copy(tally(0), older));
    AvroSerde<YearTally> serde = new AvroSerde<>(YearTally.getClassSchema());

    SerializationException e = assertThrows(SerializationException.class, () -> serde.decode(oldBytes));

    assertTrue(e.getMessage().startsWith("unknown Avro schema fingerprint"), e.getMessage());
  }

  /** ProcurementEvent's fields have no defaults: an older writer without one cannot be read. */
  @Test
  void shouldRejectBytesOfAnOlderWriterWhenItLacksAFieldWithoutDefault() throws IOException {
    Schema older = withoutField(ProcurementEvent.getClassSchema(), "amountYuan");
    GenericRecord old = new GenericData.Record(older);
    old.put("eventId", "p-1");
    old.put("town", TOWN);
    old.put("projectId", "NG-2020-CG-001");
    old.put("date", (int) DAY.toEpochDay());
    byte[] oldBytes = encode(old);
    AvroSerde<ProcurementEvent> serde = new AvroSerde<>(ProcurementEvent.getClassSchema(), List.of(older));

    SerializationException e = assertThrows(SerializationException.class, () -> serde.decode(oldBytes));

    assertTrue(e.getMessage().contains("amountYuan"), e.getMessage());
  }

  // ---- bad bytes ----

  @Test
  void shouldRaiseSerializationExceptionWhenBytesAreGarbage() {
    byte[] garbage = "this is not avro at all".getBytes(StandardCharsets.UTF_8);

    SerializationException e =
        assertThrows(SerializationException.class, () -> EVENTS.decode(garbage));

    assertTrue(e.getMessage().startsWith("not Avro single-object encoding"), e.getMessage());
  }

  @Test
  void shouldRaiseSerializationExceptionWhenBytesAreShorterThanTheHeader() {
    byte[] tooShort = {(byte) 0xC3, 0x01, 0x00};

    SerializationException e =
        assertThrows(SerializationException.class, () -> EVENTS.decode(tooShort));

    assertTrue(e.getMessage().startsWith("not Avro single-object encoding"), e.getMessage());
  }

  @Test
  void shouldRaiseSerializationExceptionWhenFingerprintIsUnknown() {
    byte[] bytes = EVENTS.encode(new TownEvent(procurement()));
    for (int i = 2; i < 10; i++) {
      bytes[i] = (byte) ~bytes[i];
    }

    SerializationException e =
        assertThrows(SerializationException.class, () -> EVENTS.decode(bytes));

    assertTrue(e.getMessage().startsWith("unknown Avro schema fingerprint"), e.getMessage());
  }

  @Test
  void shouldRaiseSerializationExceptionWhenBytesAreAFamilyRecordOutsideTheEnvelope() {
    byte[] closure = new AvroSerde<YearClosedEvent>(YearClosedEvent.getClassSchema()).encode(new YearClosedEvent("close-2020", TOWN, 2020));

    SerializationException e =
        assertThrows(SerializationException.class, () -> EVENTS.decode(closure));

    assertTrue(e.getMessage().startsWith("unknown Avro schema fingerprint"), e.getMessage());
  }

  @Test
  void shouldRaiseSerializationExceptionWhenBodyIsTruncated() {
    byte[] bytes = EVENTS.encode(new TownEvent(procurement()));
    byte[] truncated = Arrays.copyOf(bytes, 14);

    SerializationException e =
        assertThrows(SerializationException.class, () -> EVENTS.decode(truncated));

    assertTrue(e.getMessage().startsWith("undecodable Avro body"), e.getMessage());
  }

  // ---- helpers ----

  private static <T extends SpecificRecord> T roundTrip(AvroSerde<T> serde, T record) {
    byte[] bytes = serde.encode(record);
    assertNotNull(bytes);
    return serde.decode(bytes);
  }

  private static ProcurementEvent procurement() {
    return ProcurementEvent.newBuilder()
        .setEventId("nangang-2020-proc-001").setTown(TOWN).setProjectId("NG-2020-CG-001")
        .setDate(LocalDate.of(2020, 1, 2)).setAmountYuan("9300.00").build();
  }

  private static YearTally tally(long townsStarting) {
    List<Long> six = List.of(1L, 0L, 0L, 0L, 0L, 0L);
    List<Long> concluded = new ArrayList<>(Collections.nCopies(21 * 6, 0L));
    concluded.set(0, 1L);
    return YearTally.newBuilder()
        .setReceived(six).setConcluded(concluded)
        .setProcurementProjects(177L).setProcurementFen(145_638_100L)
        .setAppealsFiled(List.of(0L, 0L, 0L)).setAppealsDecided(Collections.nCopies(9, 0L))
        .setDocumentsIssued(List.of(0L, 0L)).setDocumentsPublished(List.of(0L, 0L))
        .setRepealedIssued(List.of(0L, 0L)).setRepealedPublished(List.of(0L, 0L))
        .setItemsAdded(Collections.nCopies(5, 0L)).setItemsRemoved(Collections.nCopies(5, 0L))
        .setDecisions(Collections.nCopies(4, 0L))
        .setAccepted(179L).setTownsStarting(townsStarting)
        .build();
  }

  /** A copy of {@code schema} parsed from its JSON without the named field: an older version. */
  private static Schema withoutField(Schema schema, String field) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    ArrayNode fields = (ArrayNode) json.get("fields");
    int before = fields.size();
    for (int i = 0; i < fields.size(); i++) {
      JsonNode f = fields.get(i);
      if (f.get("name").asText().equals(field)) {
        fields.remove(i);
      }
    }
    assertEquals(before - 1, fields.size(), "schema has no field " + field);
    Schema older = new Schema.Parser().parse(json.toString());
    assertFalse(older.getFields().stream().anyMatch(f -> f.name().equals(field)));
    return older;
  }

  /** What a producer on the older schema had: the record's values of the older fields. */
  private static GenericRecord copy(GenericRecord values, Schema older) {
    GenericRecord record = new GenericData.Record(older);
    for (Schema.Field f : older.getFields()) {
      record.put(f.name(), values.get(f.name()));
    }
    return record;
  }

  /** Single-object encoding with the record's own (older) schema, as its producer did. */
  private static byte[] encode(GenericRecord record) throws IOException {
    ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
