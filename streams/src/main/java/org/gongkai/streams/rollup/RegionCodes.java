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
}
