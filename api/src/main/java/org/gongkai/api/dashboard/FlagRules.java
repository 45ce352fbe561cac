package org.gongkai.api.dashboard;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongkai.streams.report.Labels;

/**
 * The rules that flag a town's figures for a closer look; each one named method, its thresholds
 * from {@link FlagThresholds}. Defined in docs/reports.md ("Flags").
 */
public final class FlagRules {
  private static final String RECEIVED = "received";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final Comparator<Flag> ORDER = Comparator.comparing((Flag f) -> f.level().equals(Flag.RED) ? 0 : 1)
      .thenComparing(f -> f.town().code()).thenComparing(Flag::kind);

  private final FlagThresholds thresholds;

  public FlagRules(FlagThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public FlagThresholds thresholds() {
    return thresholds;
  }

  /** Every flag of the towns (of one region, one year): red first, then by town. */
  public List<Flag> flags(List<TownFigures> towns) {
    List<Flag> flags = new ArrayList<>();
    Map<String, List<TownFigures>> byCounty = new LinkedHashMap<>();
    for (TownFigures town : towns) {
      jump(town).ifPresent(flags::add);
      correctionRate(town).ifPresent(flags::add);
      disclosureRate(town).ifPresent(flags::add);
      byCounty.computeIfAbsent(town.countyCode(), c -> new ArrayList<>()).add(town);
    }
    byCounty.values().forEach(county -> flags.addAll(outliers(county)));
    flags.sort(ORDER);
    return flags;
  }

  /**
   * Received requests changed from last year by more than {@code jump_rise} (up) or
   * {@code jump_fall} (down) of last year's figure, and by at least {@code jump_min_change}
   * requests. From none last year, any rise of at least {@code jump_min_change} counts. Needs
   * figures in both years.
   */
  Optional<Flag> jump(TownFigures town) {
    if (town.headline() == null || town.previous() == null || town.headline().received() == null
        || town.previous().received() == null) {
      return Optional.empty();
    }
    long now = town.headline().received();
    long before = town.previous().received();
    long change = now - before;
    if (Math.abs(change) < thresholds.jumpMinChange()) {
      return Optional.empty();
    }
    BigDecimal prior = BigDecimal.valueOf(before);
    boolean rose = change > 0 && (before == 0 || BigDecimal.valueOf(change).compareTo(prior.multiply(thresholds.jumpRise())) > 0);
    boolean fell = change < 0 && BigDecimal.valueOf(-change).compareTo(prior.multiply(thresholds.jumpFall())) > 0;
    if (!rose && !fell) {
      return Optional.empty();
    }
    String percent = before == 0 ? "上年为0"
        : (change > 0 ? "+" : "") + BigDecimal.valueOf(change).multiply(HUNDRED).divide(prior, 0, RoundingMode.HALF_UP) + "%";
    return Optional.of(new Flag(Flag.Town.of(town), Flag.JUMP, Flag.YELLOW, RECEIVED, BigDecimal.valueOf(now), prior,
        town.name() + Labels.dashboard(RECEIVED) + "由上年的" + before + "件变为" + now + "件（" + percent + "），同比变化超过阈值"));
  }

  /**
   * Received requests far from those of the other towns of the same county: robust z =
   * {@code outlier_z_factor} × (x − median) / MAD, beyond {@code outlier_z} in absolute value.
   * Only among towns with figures, in a county with at least {@code outlier_min_towns} of them;
   * none when the MAD is 0 (most towns have the same figure, so any other would be "infinitely" far).
   *
   * @param county the towns of one county
   */
  List<Flag> outliers(List<TownFigures> county) {
    List<TownFigures> peers = county.stream().filter(TownFigures::hasFigures)
        .filter(t -> t.headline().received() != null).toList();
    if (peers.size() < thresholds.outlierMinTowns()) {
      return List.of();
    }
    List<BigDecimal> values = peers.stream().map(t -> BigDecimal.valueOf(t.headline().received())).toList();
    BigDecimal median = median(values);
    BigDecimal mad = median(values.stream().map(v -> v.subtract(median).abs()).toList());
    if (mad.signum() == 0) {
      return List.of();
    }
    List<Flag> flags = new ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      BigDecimal z = robustZ(values.get(i), median, mad);
      if (z.abs().compareTo(thresholds.outlierZ()) > 0) {
        TownFigures town = peers.get(i);
        flags.add(new Flag(Flag.Town.of(town), Flag.OUTLIER, Flag.YELLOW, RECEIVED, values.get(i), median,
            town.name() + Labels.dashboard(RECEIVED) + values.get(i) + "件，" + town.county() + peers.size()
                + "个乡镇（街道）的中位数为" + median.stripTrailingZeros().toPlainString() + "件，稳健Z值"
                + z.setScale(1, RoundingMode.HALF_UP).toPlainString() + "，明显偏离同县乡镇"));
      }
    }
    return flags;
  }

  /** The robust z-score of a value among values with this median and median absolute deviation (MAD > 0). */
  BigDecimal robustZ(BigDecimal value, BigDecimal median, BigDecimal mad) {
    return thresholds.outlierZFactor().multiply(value.subtract(median)).divide(mad, MathContext.DECIMAL64);
  }

  /**
   * Corrected per decided appeal case at or above {@code correction_rate_red} (red) or
   * {@code correction_rate_yellow} (yellow), with at least {@code correction_min_cases} decided.
   */
  Optional<Flag> correctionRate(TownFigures town) {
    Headline figures = town.headline();
    if (figures == null || figures.correctionRate() == null || figures.decidedCases() < thresholds.correctionMinCases()) {
      return Optional.empty();
    }
    BigDecimal rate = figures.correctionRate();
    boolean red = rate.compareTo(thresholds.correctionRateRed()) >= 0;
    if (!red && rate.compareTo(thresholds.correctionRateYellow()) < 0) {
      return Optional.empty();
    }
    String level = red ? Flag.RED : Flag.YELLOW;
    BigDecimal crossed = red ? thresholds.correctionRateRed() : thresholds.correctionRateYellow();
    return Optional.of(new Flag(Flag.Town.of(town), Flag.CORRECTION_RATE, level, Flag.CORRECTION_RATE, rate, crossed,
        town.name() + Labels.dashboard(Flag.CORRECTION_RATE) + percent(rate) + "（" + figures.decidedCases() + "件已审结中"
            + figures.correctedCases() + "件被纠正），达到" + percent(crossed) + "的阈值"));
  }

  /**
   * Requests granted in whole or part per concluded request below {@code disclosure_rate_red}
   * (red) or {@code disclosure_rate_yellow} (yellow), with at least {@code disclosure_min_cases} concluded.
   */
  Optional<Flag> disclosureRate(TownFigures town) {
    Headline figures = town.headline();
    if (figures == null || figures.disclosureRate() == null || figures.concluded() < thresholds.disclosureMinCases()) {
      return Optional.empty();
    }
    BigDecimal rate = figures.disclosureRate();
    boolean red = rate.compareTo(thresholds.disclosureRateRed()) < 0;
    if (!red && rate.compareTo(thresholds.disclosureRateYellow()) >= 0) {
      return Optional.empty();
    }
    String level = red ? Flag.RED : Flag.YELLOW;
    BigDecimal crossed = red ? thresholds.disclosureRateRed() : thresholds.disclosureRateYellow();
    return Optional.of(new Flag(Flag.Town.of(town), Flag.DISCLOSURE_RATE, level, Flag.DISCLOSURE_RATE, rate, crossed,
        town.name() + Labels.dashboard(Flag.DISCLOSURE_RATE) + percent(rate) + "（办结" + figures.concluded()
            + "件），低于" + percent(crossed) + "的阈值"));
  }

  /** The median: the middle value, or the mean of the two middle ones. */
  static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
  }

  private static String percent(BigDecimal share) {
    return share.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }
}
