package org.gongkai.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule of amounts: what reads as money, in fen, and what does not (with why). */
class YuanTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "8228.7", "8228.70", "1456381.00", "007.5", "999999999999999.99",
      "000000000000000000001.01"})
  void shouldReadThePlainDecimalsOfYuanToTheSameFenAsBigDecimal(String text) {
    Yuan amount = Yuan.read(text);
    assertNotNull(amount, text);
    assertEquals(new BigDecimal(text).movePointRight(2).longValueExact(), amount.fen(), text);
    assertNull(Yuan.problem(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".5", "5.", "1.234", "-1", "+1", "1E+3", "1,000", " 1", "1 ", "１", "1000000000000000",
      "1.2.3", "0x10"})
  void shouldReadNoAmountWhenTheTextIsNotOneAndSayWhy(String text) {
    assertNull(Yuan.read(text), text);
    assertNotNull(Yuan.problem(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"145638100", "1", "0", "5"})
  void shouldGiveWanYuanWithFourDecimalsRoundedHalfUp(String fen) {
    long f = Long.parseLong(fen);
    assertEquals(BigDecimal.valueOf(f, 6).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(), Yuan.wan(f));
  }
}
