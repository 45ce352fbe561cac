package org.gongkai.streams.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class VarintsTest {
  private static final long[] VALUES = {0, 1, 63, 64, 127, 128, 16_383, 16_384, Integer.MAX_VALUE,
      1L << 56, Long.MAX_VALUE, -1, -64, -65, Integer.MIN_VALUE, Long.MIN_VALUE};

  @Test
  void shouldTakeTheBytesSizeOfSaysWhenWritingUnsigned() {
    for (long value : VALUES) {
      ByteBuffer out = ByteBuffer.allocate(Varints.MAX_LONG_BYTES);
      Varints.writeUnsigned(value, out);
      assertEquals(Varints.sizeOfUnsigned(value), out.position(), "value " + value);
    }
  }

  @Test
  void shouldReadBackWhatWasWrittenWhenSigned() {
    for (long value : VALUES) {
      ByteBuffer out = ByteBuffer.allocate(Varints.MAX_LONG_BYTES);
      Varints.writeSigned(value, out);
      assertEquals(value, Varints.readSigned(out.flip()), "value " + value);
    }
  }

  @Test
  void shouldRefuseWhenAVarintIsLongerThanALong() {
    ByteBuffer in = ByteBuffer.wrap(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1});

    assertThrows(IllegalArgumentException.class, () -> Varints.readUnsigned(in));
  }
}
