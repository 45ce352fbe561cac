package org.gongkai.streams.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a report is for: a town or a region, with its name and the regions above it. Parents
 * that do not apply (a province has none) are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Place(String code, String name, String level, Named county, Named city, Named province) {

  public static final String TOWN = "town";
  public static final String COUNTY = "county";
  public static final String CITY = "city";
  public static final String PROVINCE = "province";

  /** A code and its name. */
  public record Named(String code, String name) {}

  /** A town known by its code alone (tests, and before names are looked up). */
  public static Place town(String code) {
    return new Place(code, null, TOWN, null, null, null);
  }
}
