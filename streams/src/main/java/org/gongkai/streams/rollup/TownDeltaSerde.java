package org.gongkai.streams.rollup;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.gongkai.streams.tally.PackedCells;
import org.gongkai.streams.tally.Varints;

/**
 * The serde of the region-deltas repartition topic, in the {@link PackedCells} format: the
 * version byte, the town (length and UTF-8 bytes), the year, then the changed cells.
 */
public final class TownDeltaSerde implements Serde<TownDelta> {
  private static final String WHAT = "town delta";

  public static byte[] encode(TownDelta delta) {
    if (delta == null) {
      return null;
    }
    byte[] town = delta.town().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = PackedCells.start(delta.cells().size(), 5 + town.length + 5);
    Varints.writeUnsigned(town.length, out);
    out.put(town);
    Varints.writeSigned(delta.year(), out);
    PackedCells.writeCells(delta.cells(), out);
    return PackedCells.finish(out);
  }

  /** @throws org.apache.kafka.common.errors.SerializationException saying why the bytes are not a delta */
  public static TownDelta decode(byte[] bytes) {
    return PackedCells.decode(bytes, WHAT, (version, in) -> {
      int length = Varints.readUnsignedInt(in);
      if (length < 0 || length > in.remaining()) {
        throw new BufferUnderflowException();
      }
      byte[] town = new byte[length];
      in.get(town);
      long year = Varints.readSigned(in);
      if (year != (int) year) {
        throw new IllegalArgumentException("year " + year + " is not an int");
      }
      return new TownDelta(new String(town, StandardCharsets.UTF_8), (int) year, PackedCells.readCells(in, version));
    });
  }

  @Override
  public Serializer<TownDelta> serializer() {
    return (topic, delta) -> encode(delta);
  }

  @Override
  public Deserializer<TownDelta> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
