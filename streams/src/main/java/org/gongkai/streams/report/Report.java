package org.gongkai.streams.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A finished report for one town or region and year, in the JSON shape of domain.md:
 * {@code proactive} is table 二, {@code requests.rows} table 三, {@code appeals} table 四. A town
 * report has {@code town}; a region report has {@code region}, {@code towns} (how many towns
 * have figures) and {@code finalTowns} (how many of them closed the year).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
    Place town,
    Place region,
    int year,
    String template,
    String status,
    Long towns,
    Long finalTowns,
    Map<String, Map<String, Object>> proactive,
    Requests requests,
    Map<String, Map<String, Long>> appeals,
    EventCounts events) {

  public static final String OPEN = "open";
  public static final String FINAL = "final";

  /** Table 三: row key → column key → count. */
  public record Requests(Map<String, Map<String, Long>> rows) {}

  /** How the events for this town (or region) and year were received by the streams. */
  public record EventCounts(long accepted, long duplicates, long rejected, long late) {}

  /** The same figures, for a place with its names. */
  public Report at(Place place) {
    return town != null
        ? new Report(place, null, year, template, status, towns, finalTowns, proactive, requests, appeals, events)
        : new Report(null, place, year, template, status, towns, finalTowns, proactive, requests, appeals, events);
  }
}
