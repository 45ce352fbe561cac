package org.gongkai.streams.tally;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The packed format of the values the streams keep and send to themselves most (the tallies,
 * the region deltas): a format version byte, then varints. Avro's generic reader allocates per
 * array read and a tally has eleven arrays; this format reads straight into the cells. It is
 * internal to the application (changelogs and its own repartition topic), so it needs no
 * schema evolution; a changed layout takes a new version number, and a value of another
 * version is refused, never misread.
 *
 * <p>Cells are written as their count, then for each cell the gap from the previous cell
 * number (unsigned varint) and the value (zig-zag varint; changes can be negative).
 */
public final class PackedCells {
  public static final byte VERSION = 1;
  /** A version byte, a count and, per cell, at most 5 bytes of gap and 10 of value. */
  private static final int MAX_CELL_BYTES = 15;

  private PackedCells() {}

  /** A buffer that holds the version byte, the cells and {@code extra} bytes, version written. */
  public static ByteBuffer start(SparseCells cells, int extra) {
    ByteBuffer out = ByteBuffer.allocate(1 + 5 + cells.size() * MAX_CELL_BYTES + extra);
    out.put(VERSION);
    return out;
  }

  public static void writeCells(SparseCells cells, ByteBuffer out) {
    Varints.writeUnsigned(cells.size(), out);
    int previous = -1;
    for (int i = 0; i < cells.size(); i++) {
      Varints.writeUnsigned(cells.cell(i) - previous, out);
      Varints.writeSigned(cells.value(i), out);
      previous = cells.cell(i);
    }
  }

  /** The bytes written to {@code out} so far. */
  public static byte[] finish(ByteBuffer out) {
    return Arrays.copyOf(out.array(), out.position());
  }

  /** @throws IllegalArgumentException if a cell is not a tally cell or out of order */
  public static SparseCells readCells(ByteBuffer in) {
    int size = Varints.readUnsignedInt(in);
    if (size > TallyCells.COUNT) {
      throw new IllegalArgumentException(size + " cells, a tally has " + TallyCells.COUNT);
    }
    SparseCells.Builder cells = new SparseCells.Builder();
    int cell = -1;
    for (int i = 0; i < size; i++) {
      cell += Varints.readUnsignedInt(in);
      cells.add(cell, Varints.readSigned(in));
    }
    return cells.build();
  }

  /**
   * Checks the version, reads the body and checks that nothing is left.
   *
   * @param what what the bytes are, for the message
   * @throws SerializationException saying why when the bytes are not a whole value of this version
   */
  public static <T> T decode(byte[] bytes, String what, Function<ByteBuffer, T> body) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0) {
      throw new SerializationException("empty " + what + " value: no format version byte");
    }
    if (bytes[0] != VERSION) {
      throw new SerializationException("unknown " + what + " format version " + bytes[0]
          + " (this build reads version " + VERSION + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    T value;
    try {
      value = body.apply(in);
    } catch (BufferUnderflowException e) {
      throw new SerializationException(what + " value of " + bytes.length + " bytes is truncated", e);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("malformed " + what + " value: " + e.getMessage(), e);
    }
    if (in.hasRemaining()) {
      throw new SerializationException(what + " value has " + in.remaining() + " bytes after its end");
    }
    return value;
  }
}
