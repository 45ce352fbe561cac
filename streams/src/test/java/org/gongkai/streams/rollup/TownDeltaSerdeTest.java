package org.gongkai.streams.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.gongkai.streams.tally.SparseCells;
import org.gongkai.streams.tally.TallyCells;
import org.junit.jupiter.api.Test;

class TownDeltaSerdeTest {
  /** A town's start moved to an earlier year: its old first year loses it (a negative change). */
  private static final TownDelta DELTA = new TownDelta("360923105", 2020,
      new SparseCells.Builder().add(0, 1).add(40, 250_000_00L).add(TallyCells.COUNT - 1, -1).build());

  @Test
  void shouldReadBackTownYearAndCells() {
    assertEquals(DELTA, TownDeltaSerde.decode(TownDeltaSerde.encode(DELTA)));
  }

  @Test
  void shouldReadBackADeltaWithoutCells() {
    TownDelta empty = new TownDelta("360923105", 2019, new SparseCells.Builder().build());

    assertEquals(empty, TownDeltaSerde.decode(TownDeltaSerde.encode(empty)));
  }

  @Test
  void shouldRefuseWhenTheValueIsTruncated() {
    byte[] bytes = TownDeltaSerde.encode(DELTA);

    for (int length = 1; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      SerializationException e = assertThrows(SerializationException.class, () -> TownDeltaSerde.decode(cut));
      assertTrue(e.getMessage().contains("truncated"), length + " bytes: " + e.getMessage());
    }
  }

  @Test
  void shouldRefuseWhenTheFormatVersionIsUnknown() {
    byte[] bytes = TownDeltaSerde.encode(DELTA);
    bytes[0] = 2;

    SerializationException e = assertThrows(SerializationException.class, () -> TownDeltaSerde.decode(bytes));
    assertEquals("unknown town delta format version 2 (this build reads version 1)", e.getMessage());
  }
}
