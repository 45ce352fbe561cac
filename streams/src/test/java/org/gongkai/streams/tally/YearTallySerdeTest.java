package org.gongkai.streams.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.gongkai.state.YearTally;
import org.junit.jupiter.api.Test;

class YearTallySerdeTest {

  /** Every cell set, with small, negative and extreme values. */
  private static YearTally everyCellSet() {
    YearTally tally = Tallies.empty();
    for (int cell = 0; cell < TallyCells.COUNT; cell++) {
      long value = switch (cell % 4) {
        case 0 -> cell + 1;
        case 1 -> -cell;
        case 2 -> Long.MAX_VALUE - cell;
        default -> Long.MIN_VALUE + cell;
      };
      TallyCells.set(tally, cell, value);
    }
    return tally;
  }

  @Test
  void shouldReadBackEveryCellWhenEveryCellIsSet() {
    YearTally tally = everyCellSet();

    assertEquals(tally, YearTallySerde.decode(YearTallySerde.encode(tally)));
  }

  @Test
  void shouldWriteTheSameBytesFromEachStoresSerializerAsFromTheSharedEncoder() {
    YearTallySerde serde = new YearTallySerde();
    org.apache.kafka.common.serialization.Serializer<YearTally> first = serde.serializer();
    org.apache.kafka.common.serialization.Serializer<YearTally> second = serde.serializer();
    YearTally few = Tallies.empty();
    few.setAccepted(3);
    byte[] everyCell = first.serialize("t", everyCellSet());
    byte[] fewCells = second.serialize("t", few); // its own room: the first's bytes stay as they were
    assertTrue(Arrays.equals(YearTallySerde.encode(everyCellSet()), everyCell));
    assertTrue(Arrays.equals(YearTallySerde.encode(few), fewCells));
    assertTrue(Arrays.equals(fewCells, first.serialize("t", few)));
    assertNull(first.serialize("t", null));
  }

  @Test
  void shouldReadBackAnEmptyTallyWhenNoCellIsSet() {
    assertEquals(Tallies.empty(), YearTallySerde.decode(YearTallySerde.encode(Tallies.empty())));
  }

  @Test
  void shouldReadBackTheFewCellsWhenMostAreZero() {
    YearTally tally = Tallies.empty();
    Tallies.increment(tally.getConcluded(), Tallies.APPLICANTS + 2);
    tally.setProcurementFen(123_456_789_00L);
    tally.setTownsStarting(1);

    assertEquals(tally, YearTallySerde.decode(YearTallySerde.encode(tally)));
  }

  @Test
  void shouldReadNullWhenThereIsNoValue() {
    assertNull(YearTallySerde.decode(null));
  }

  @Test
  void shouldRefuseWhenTheValueIsTruncated() {
    byte[] bytes = YearTallySerde.encode(everyCellSet());

    SerializationException e = assertThrows(SerializationException.class,
        () -> YearTallySerde.decode(Arrays.copyOf(bytes, bytes.length - 1)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void shouldRefuseWhenTheFormatVersionIsUnknown() {
    byte[] bytes = YearTallySerde.encode(everyCellSet());
    bytes[0] = 9;

    SerializationException e = assertThrows(SerializationException.class, () -> YearTallySerde.decode(bytes));
    assertEquals("unknown year tally format version 9 (this build reads version 1)", e.getMessage());
  }

  @Test
  void shouldRefuseWhenTheValueIsEmpty() {
    SerializationException e = assertThrows(SerializationException.class, () -> YearTallySerde.decode(new byte[0]));
    assertEquals("empty year tally value: no format version byte", e.getMessage());
  }

  @Test
  void shouldRefuseWhenBytesFollowTheValue() {
    byte[] bytes = YearTallySerde.encode(Tallies.empty());

    SerializationException e = assertThrows(SerializationException.class,
        () -> YearTallySerde.decode(Arrays.copyOf(bytes, bytes.length + 1)));
    assertEquals("year tally value has 1 bytes after its end", e.getMessage());
  }

  @Test
  void shouldRefuseWhenACellIsNotATallyCell() {
    byte[] out = new byte[16];
    out[0] = PackedCells.VERSION;
    int at = Varints.writeUnsigned(1, out, 1);
    at = Varints.writeUnsigned(TallyCells.COUNT + 1, out, at); // the gap from cell -1: cell COUNT
    at = Varints.writeSigned(1, out, at);
    byte[] bytes = Arrays.copyOf(out, at);

    SerializationException e = assertThrows(SerializationException.class, () -> YearTallySerde.decode(bytes));
    assertTrue(e.getMessage().startsWith("malformed year tally value: cell " + TallyCells.COUNT), e.getMessage());
  }
}
