package org.gongkai.streams.report;

/** The official report template, which follows the report year (domain.md §1). */
public enum Template {
  T2019("2019", "国办公开办函〔2019〕60号"),
  T2021("2021", "国办公开办函〔2021〕30号");

  public static final int FIRST_YEAR = 2019;

  private final String key;
  private final String notice;

  Template(String key, String notice) {
    this.key = key;
    this.notice = notice;
  }

  public static Template forYear(int year) {
    if (year < FIRST_YEAR) {
      throw new IllegalArgumentException("no report template before " + FIRST_YEAR);
    }
    return year <= 2020 ? T2019 : T2021;
  }

  public String key() {
    return key;
  }

  public String notice() {
    return notice;
  }
}
