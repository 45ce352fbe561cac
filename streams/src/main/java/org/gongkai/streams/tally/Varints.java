package org.gongkai.streams.tally;

import java.nio.ByteBuffer;

/**
 * Base-128 varints, as in Protocol Buffers and Kafka's record format: 7 bits a byte, low bits
 * first, the high bit set on every byte but the last; signed values zig-zag encoded so that
 * small negative numbers stay short. Reading past the end throws
 * {@link java.nio.BufferUnderflowException}; a varint longer than its type allows throws
 * {@link IllegalArgumentException}.
 */
public final class Varints {
  /** The most bytes a varint of a long takes. */
  public static final int MAX_LONG_BYTES = 10;

  private Varints() {}

  /** How many bytes {@link #writeUnsigned} takes for the number. */
  public static int sizeOfUnsigned(long value) {
    return (63 - Long.numberOfLeadingZeros(value | 1)) / 7 + 1;
  }

  /**
   * Writes a non-negative number into the array at {@code at}: straight into the array, without
   * a buffer's position and bounds per byte (writing through a buffer was 4–5% of the stream
   * thread's samples on the national replay).
   *
   * @return the index after the last byte written
   */
  public static int writeUnsigned(long value, byte[] out, int at) {
    while ((value & ~0x7FL) != 0) {
      out[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at++] = (byte) value;
    return at;
  }

  /** Writes a number zig-zag encoded into the array at {@code at}; returns the index after it. */
  public static int writeSigned(long value, byte[] out, int at) {
    return writeUnsigned((value << 1) ^ (value >> 63), out, at);
  }

  public static long readUnsigned(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 7 * MAX_LONG_BYTES; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("a varint longer than " + MAX_LONG_BYTES + " bytes");
  }

  /** Reads a non-negative number that must fit an int. */
  public static int readUnsignedInt(ByteBuffer in) {
    long value = readUnsigned(in);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("varint " + Long.toUnsignedString(value) + " is not an int");
    }
    return (int) value;
  }

  public static long readSigned(ByteBuffer in) {
    long zigZag = readUnsigned(in);
    return (zigZag >>> 1) ^ -(zigZag & 1);
  }
}
