package org.gongkai.streams.tally;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.gongkai.state.YearTally;

/**
 * The packed format of the values the streams keep most, the tallies of towns and regions: a
 * format version byte, then varints. Avro's generic reader allocates per
 * array read and a tally has eleven arrays; this format reads straight into the cells. It is
 * internal to the application (its changelogs), so it needs no
 * schema evolution. Which cell is which is pinned per version ({@link TallyLayout}): a changed
 * layout takes a new version number; values of older versions are read into today's cells, and
 * a value of an unknown version is refused, never misread.
 *
 * <p>Cells are written as their count, then for each cell the gap from the previous cell
 * number (unsigned varint; the first from -1) and the value (zig-zag varint; changes can be
 * negative).
 */
public final class PackedCells {
  public static final byte VERSION = TallyLayout.CURRENT;
  /** Per cell at most 5 bytes of gap and 10 of value. */
  private static final int MAX_CELL_BYTES = 15;
  /** The count of cells is at most {@link TallyCells#COUNT}: a varint of at most this many bytes. */
  private static final int MAX_COUNT_BYTES = Varints.sizeOfUnsigned(TallyCells.COUNT);
  /** Room for a whole tally, reused by each thread that writes. */
  private static final int SCRATCH_BYTES = 1 + MAX_COUNT_BYTES + TallyCells.COUNT * MAX_CELL_BYTES;
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

  private PackedCells() {}

  /**
   * A whole value of the tally's cells that are not zero, written in one pass over the tally:
   * the cells first, after room for the version and the longest count, then the count and the
   * version just before them.
   */
  public static byte[] encode(YearTally tally) {
    return encode(tally, SCRATCH.get());
  }

  /** Room to encode any tally in, for a writer that keeps its own ({@link #encode(YearTally, byte[])}). */
  public static byte[] scratch() {
    return new byte[SCRATCH_BYTES];
  }

  /**
   * {@link #encode(YearTally)} in the writer's own room ({@link #scratch()}), which one thread
   * uses at a time: the stream thread encodes every flushed tally, and looking its room up in
   * the thread's locals was 5% of its samples (that thread holds many thread-locals).
   */
  public static byte[] encode(YearTally tally, byte[] out) {
    int cellsAt = 1 + MAX_COUNT_BYTES;
    Writer writer = new Writer(out, cellsAt);
    TallyCells.forEachNonZero(tally, writer);
    int start = cellsAt - Varints.sizeOfUnsigned(writer.count) - 1;
    out[start] = VERSION;
    Varints.writeUnsigned(writer.count, out, start + 1);
    return Arrays.copyOfRange(out, start, writer.at);
  }

  /** Sets the cells read into the tally. */
  public static void readCells(ByteBuffer in, int version, YearTally into) {
    readCells(in, readCount(in, version), version, (cell, value) -> TallyCells.set(into, cell, value));
  }

  private static int readCount(ByteBuffer in, int version) {
    int count = Varints.readUnsignedInt(in);
    int cells = cellsOf(version);
    if (count > cells) {
      throw new IllegalArgumentException(count + " cells, a tally has " + cells);
    }
    return count;
  }

  private static int cellsOf(int version) {
    return version == VERSION ? TallyCells.COUNT : TallyLayout.cells(version).size();
  }

  /** Reads the cells as written in {@code version} and gives the visitor their cells of today. */
  private static void readCells(ByteBuffer in, int count, int version, TallyCells.Visitor visitor) {
    int cells = cellsOf(version);
    int cell = -1;
    for (int i = 0; i < count; i++) {
      int gap = Varints.readUnsignedInt(in);
      if (gap < 1 || gap >= cells - cell) {
        throw new IllegalArgumentException("cell " + ((long) cell + gap) + " is not a tally cell after "
            + (cell < 0 ? "none" : cell) + " (a tally has " + cells + " cells)");
      }
      cell += gap;
      visitor.cell(TallyLayout.fromVersion(version, cell), Varints.readSigned(in));
    }
  }

  /**
   * Checks the version, reads the body (given the version it was written in) and checks that
   * nothing is left.
   *
   * @param what what the bytes are, for the message
   * @throws SerializationException saying why when the bytes are not a whole value of a version read
   */
  public static <T> T decode(byte[] bytes, String what, java.util.function.BiFunction<Integer, ByteBuffer, T> body) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0) {
      throw new SerializationException("empty " + what + " value: no format version byte");
    }
    if (!TallyLayout.readable(bytes[0])) {
      throw new SerializationException("unknown " + what + " format version " + bytes[0]
          + " (this build reads " + (VERSION == 1 ? "version 1" : "versions 1 to " + VERSION) + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    T value;
    try {
      value = body.apply((int) bytes[0], in);
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

  /** Writes each cell as its gap from the previous one and its value, and counts them. */
  private static final class Writer implements TallyCells.Visitor {
    private final byte[] out;
    private int at;
    private int previous = -1;
    private int count;

    Writer(byte[] out, int at) {
      this.out = out;
      this.at = at;
    }

    @Override
    public void cell(int cell, long value) {
      at = Varints.writeSigned(value, out, Varints.writeUnsigned(cell - previous, out, at));
      previous = cell;
      count++;
    }
  }
}
