package org.gongkai.streams.tally;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.gongkai.state.YearTally;

/**
 * The tally stores' serde: a tally as its cells that are not zero, in the {@link PackedCells}
 * format. A tally is read and written several times per event, and most of its cells are zero.
 */
public final class YearTallySerde implements Serde<YearTally> {
  private static final String WHAT = "year tally";

  public static byte[] encode(YearTally tally) {
    if (tally == null) {
      return null;
    }
    return PackedCells.encode(tally);
  }

  /** @throws org.apache.kafka.common.errors.SerializationException saying why the bytes are not a tally */
  public static YearTally decode(byte[] bytes) {
    return PackedCells.decode(bytes, WHAT, (version, in) -> {
      YearTally tally = Tallies.empty();
      PackedCells.readCells(in, version, tally);
      return tally;
    });
  }

  /**
   * A serializer with its own room to encode in: one per store, used by the thread that runs the
   * store's task (never by two threads at once).
   */
  @Override
  public Serializer<YearTally> serializer() {
    byte[] scratch = PackedCells.scratch();
    return (topic, tally) -> tally == null ? null : PackedCells.encode(tally, scratch);
  }

  @Override
  public Deserializer<YearTally> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
