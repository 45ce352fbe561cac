package org.gongkai.streams.tally;

/**
 * Keys of the tally stores: {@code <code>|<year>}, so that one town's or region's years sort
 * together and a range scan reads the years up to a report year.
 */
public final class TallyKey {
  public static final int FIRST_YEAR = 2008;

  private TallyKey() {}

  public static String of(String code, int year) {
    return code + '|' + year;
  }

  public static String from(String code) {
    return of(code, FIRST_YEAR);
  }

  /** The town's or region's code of a key. */
  public static String code(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  public static int year(String key) {
    return Integer.parseInt(key.substring(key.indexOf('|') + 1));
  }
}
