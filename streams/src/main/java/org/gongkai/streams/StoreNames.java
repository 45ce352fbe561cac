package org.gongkai.streams;

/** Names of the state stores; the changelog topics derive from them. */
public final class StoreNames {
  /** Per town and year: {@link org.gongkai.state.YearTally}, key {@code town|year}. */
  public static final String TALLIES = "town-year-tallies";
  /** Per region (county, city, province) and year: the sum of its towns' tallies, key {@code region|year}. */
  public static final String REGION_TALLIES = "region-year-tallies";
  public static final String REQUESTS = "requests";
  public static final String CASES = "appeal-cases";
  public static final String DOCUMENTS = "documents";
  public static final String ITEMS = "catalogue-items";
  /** One-off facts by business id: procurement awards, decisions, fees. */
  public static final String FACTS = "facts";
  /** Per town: the last year it has closed (Integer). */
  public static final String CLOSURES = "closed-through";

  private StoreNames() {}
}
