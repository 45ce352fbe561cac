package org.gongkai.streams.report;

import java.util.Map;

/**
 * A finished report for one town (or region) and year, in the JSON shape of domain.md:
 * {@code proactive} is table 二, {@code requests.rows} table 三, {@code appeals} table 四.
 */
public record Report(
    String town,
    int year,
    String template,
    String status,
    Map<String, Map<String, Object>> proactive,
    Requests requests,
    Map<String, Map<String, Long>> appeals,
    EventCounts events) {

  public static final String OPEN = "open";
  public static final String FINAL = "final";

  /** Table 三: row key → column key → count. */
  public record Requests(Map<String, Map<String, Long>> rows) {}

  /** How the events for this town and year were received by the streams. */
  public record EventCounts(long accepted, long duplicates, long rejected, long late) {}
}
