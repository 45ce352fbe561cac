package org.gongkai.api.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each flag rule on its own, at and around its thresholds (docs/reports.md, "Flags"). */
class FlagRulesTest {
  private static final FlagRules RULES = new FlagRules(FlagThresholds.DEFAULT);

  @Test
  void shouldFlagAJumpWhenReceivedMoreThanDoubles() {
    Flag flag = RULES.jump(town("t", received(21), received(10))).orElseThrow();
    assertEquals(Flag.JUMP, flag.kind());
    assertEquals(new BigDecimal(21), flag.value());
    assertEquals(new BigDecimal(10), flag.reference());
    assertTrue(flag.message().contains("+110%"), flag.message());
  }

  @Test
  void shouldNotFlagAJumpWhenReceivedExactlyDoubles() {
    assertEquals(Optional.empty(), RULES.jump(town("t", received(20), received(10))), "+100% is not more than +100%");
  }

  @Test
  void shouldFlagAJumpWhenReceivedFallsByMoreThanHalf() {
    assertTrue(RULES.jump(town("t", received(9), received(20))).isPresent());
    assertEquals(Optional.empty(), RULES.jump(town("t", received(10), received(20))), "−50% is not more than −50%");
  }

  @Test
  void shouldNotFlagAJumpWhenTheChangeIsUnderTenRequests() {
    assertEquals(Optional.empty(), RULES.jump(town("t", received(9), received(1))), "+800% but only 8 requests");
    assertTrue(RULES.jump(town("t", received(11), received(1))).isPresent());
  }

  @Test
  void shouldFlagAJumpFromNoneWhenAtLeastTenArrive() {
    assertTrue(RULES.jump(town("t", received(10), received(0))).isPresent());
    assertEquals(Optional.empty(), RULES.jump(town("t", received(10), null)), "no figures last year: nothing to compare");
  }

  @Test
  void shouldFlagTheTownFarFromItsCountysMedianWhenOutliersAreSought() {
    List<TownFigures> county = county(40, 10, 11, 12, 13);
    List<Flag> flags = RULES.outliers(county);
    assertEquals(1, flags.size(), flags.toString());
    assertEquals("t0", flags.get(0).town().code());
    assertEquals(new BigDecimal(12), flags.get(0).reference(), "the county's median");
  }

  @Test
  void shouldComputeTheRobustZWithTheMadWhenAValueIsJudged() {
    // 0.6745 × (40 − 12) / 1 = 18.886
    assertEquals(0, new BigDecimal("18.886").compareTo(RULES.robustZ(new BigDecimal(40), new BigDecimal(12), BigDecimal.ONE)));
    assertEquals(new BigDecimal("12.5"), FlagRules.median(List.of(new BigDecimal(13), new BigDecimal(10), new BigDecimal(12),
        new BigDecimal(40))));
  }

  @Test
  void shouldNotSeekOutliersWhenFewerThanFiveTownsHaveFigures() {
    List<TownFigures> county = new ArrayList<>(county(40, 10, 11, 12));
    county.add(new TownFigures("t9", "t9", "c", "县", "no_figures", null, null, null));
    assertEquals(List.of(), RULES.outliers(county));
  }

  @Test
  void shouldNotSeekOutliersWhenMostTownsHaveTheSameFigure() {
    assertEquals(List.of(), RULES.outliers(county(40, 12, 12, 12, 12)), "MAD 0");
  }

  @Test
  void shouldNotFlagATownWithinThreePointFiveWhenOutliersAreSought() {
    // median 12, MAD 1: 17 has z = 3.37, 18 has z = 4.05
    assertEquals(List.of(), RULES.outliers(county(17, 10, 11, 12, 13)));
    assertEquals(1, RULES.outliers(county(18, 10, 11, 12, 13)).size());
  }

  @Test
  void shouldFlagRedOrYellowCorrectionRateWhenThirtyCasesAreDecided() {
    assertEquals(Flag.RED, RULES.correctionRate(town("t", appeals(30, 9), null)).orElseThrow().level(), "0.30");
    assertEquals(Flag.YELLOW, RULES.correctionRate(town("t", appeals(40, 6), null)).orElseThrow().level(), "0.15");
    assertEquals(Optional.empty(), RULES.correctionRate(town("t", appeals(40, 5), null)), "0.125");
  }

  @Test
  void shouldNotJudgeTheCorrectionRateWhenFewerThanThirtyCasesAreDecided() {
    assertEquals(Optional.empty(), RULES.correctionRate(town("t", appeals(29, 29), null)));
  }

  @Test
  void shouldFlagRedOrYellowDisclosureRateWhenThirtyRequestsAreConcluded() {
    assertEquals(Flag.RED, RULES.disclosureRate(town("t", concluded(30, 8), null)).orElseThrow().level(), "0.2667");
    assertEquals(Flag.YELLOW, RULES.disclosureRate(town("t", concluded(30, 9), null)).orElseThrow().level(), "0.30");
    assertEquals(Optional.empty(), RULES.disclosureRate(town("t", concluded(30, 15), null)), "0.50");
    assertEquals(Optional.empty(), RULES.disclosureRate(town("t", concluded(29, 0), null)), "under 30 concluded");
  }

  @Test
  void shouldPutRedFlagsFirstWhenARegionIsJudged() {
    List<TownFigures> towns = List.of(town("a", received(40), received(5)), town("b", concluded(30, 0), null));
    List<Flag> flags = RULES.flags(towns);
    assertEquals(List.of(Flag.RED, Flag.YELLOW), flags.stream().map(Flag::level).toList());
  }

  private static List<TownFigures> county(long... received) {
    List<TownFigures> towns = new ArrayList<>();
    for (int i = 0; i < received.length; i++) {
      towns.add(town("t" + i, received(received[i]), null));
    }
    return towns;
  }

  private static TownFigures town(String code, Headline now, Headline before) {
    return new TownFigures(code, code + "镇", "c", "县", "open", "events", now, before);
  }

  private static Headline received(long received) {
    return new Headline(received, 0L, received, null, 0L, 0L, 0L, 0L, null, null, null);
  }

  private static Headline appeals(long decided, long corrected) {
    return new Headline(0L, 0L, 0L, null, decided, 0L, decided, corrected, Headline.rate(corrected, decided), null, null);
  }

  private static Headline concluded(long concluded, long granted) {
    return new Headline(concluded, concluded, 0L, Headline.rate(granted, concluded), 0L, 0L, 0L, 0L, null, null, null);
  }
}
