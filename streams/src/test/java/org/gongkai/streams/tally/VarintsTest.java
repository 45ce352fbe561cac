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
      byte[] out = new byte[Varints.MAX_LONG_BYTES + 1];
      assertEquals(1 + Varints.sizeOfUnsigned(value), Varints.writeUnsigned(value, out, 1), "value " + value);
    }
  }

  @Test
  void shouldReadBackWhatWasWrittenWhenSigned() {
    for (long value : VALUES) {
      byte[] out = new byte[Varints.MAX_LONG_BYTES];
      int end = Varints.writeSigned(value, out, 0);
      assertEquals(value, Varints.readSigned(ByteBuffer.wrap(out, 0, end)), "value " + value);
    }
  }

  @Test
  void shouldReadBackWhatWasWrittenWhenUnsigned() {
    for (long value : VALUES) {
      byte[] out = new byte[Varints.MAX_LONG_BYTES];
      int end = Varints.writeUnsigned(value, out, 0);
      ByteBuffer in = ByteBuffer.wrap(out, 0, end);
      assertEquals(value, Varints.readUnsigned(in), "value " + value);
      assertEquals(0, in.remaining(), "value " + value);
    }
  }

  @Test
  void shouldRefuseWhenAVarintIsLongerThanALong() {
    ByteBuffer in = ByteBuffer.wrap(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1});

    assertThrows(IllegalArgumentException.class, () -> Varints.readUnsigned(in));
  }
}
