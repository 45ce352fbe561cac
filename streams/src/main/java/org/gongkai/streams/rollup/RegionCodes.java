package org.gongkai.streams.rollup;

import java.util.List;

/**
 * The regions above a town, from its code: county (first 6 digits), city (4), province (2).
 * The division registry checks at load that every parent code is such a prefix.
 */
public final class RegionCodes {
  private RegionCodes() {}

  public static List<String> above(String town) {
    return List.of(town.substring(0, 6), town.substring(0, 4), town.substring(0, 2));
  }

  /**
   * The province of a town or of a canonical region code (its first 2 digits): the key the
   * region tallies are partitioned by, so a region's tallies live in its province's task.
   */
  public static String province(String code) {
    return code.substring(0, 2);
  }
}
