package org.gongkai.streams.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A finished report for one town or region and year, in the JSON shape of domain.md:
 * {@code proactive} is table 二, {@code requests.rows} table 三, {@code appeals} table 四. A town
 * report has {@code town}; a region report has {@code region}, {@code towns} (how many towns
 * have figures) and {@code finalTowns} (how many of them closed the year).
 *
 * <p>{@code source} says where a town's figures come from: {@code events} (computed) or
 * {@code imported} (its published report, {@code imported_violations} the rules it breaks); a
 * region's {@code imported_towns} counts the towns whose imported reports it sums. A computed
 * report whose year before is imported has {@code r5_across_import}: R5 across the boundary.
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
    EventCounts events,
    String source,
    @JsonProperty("imported_towns") Long importedTowns,
    @JsonProperty("imported_violations") List<Violation> importedViolations,
    @JsonProperty("r5_across_import") AcrossImport r5AcrossImport) {

  public static final String OPEN = "open";
  public static final String FINAL = "final";
  public static final String EVENTS = "events";
  public static final String IMPORTED = "imported";

  /** Table 三: row key → column key → count. */
  public record Requests(Map<String, Map<String, Long>> rows) {}

  /** How the events for this town (or region) and year were received by the streams. */
  public record EventCounts(long accepted, long duplicates, long rejected, long late) {}

  /** One broken rule of an imported report, as the report checker states it (cells as JSON paths). */
  public record Violation(String rule, List<String> cells, Object expected, Object found, String message,
      @JsonProperty("message_en") String messageEn, @JsonInclude(JsonInclude.Include.NON_NULL) Integer line) {}

  /**
   * R5 checked across the boundary between an imported year and the first computed one (or two
   * imported years): this report's {@code carried_over} against the imported year's
   * {@code carried_forward}, per column.
   *
   * @param status {@code holds}, {@code violated}, or {@code unchecked} (cells the imported text lacks)
   */
  public record AcrossImport(@JsonProperty("imported_year") int importedYear, String status,
      List<Check> checks) {}

  /**
   * One column's R5 instance: holds, violated or unchecked; cells as {@code year:path};
   * {@code carried_over} this year and {@code carried_forward} the year before, null where unknown.
   */
  public record Check(String rule, String subject, String status, List<String> cells,
      @JsonProperty("carried_over") Long carriedOver, @JsonProperty("carried_forward") Long carriedForward,
      String message, @JsonProperty("message_zh") String messageZh) {}

  /** The same figures, for a place with its names. */
  public Report at(Place place) {
    return town != null
        ? new Report(place, null, year, template, status, towns, finalTowns, proactive, requests, appeals, events,
            source, importedTowns, importedViolations, r5AcrossImport)
        : new Report(null, place, year, template, status, towns, finalTowns, proactive, requests, appeals, events,
            source, importedTowns, importedViolations, r5AcrossImport);
  }

  /** The same report with R5 across an imported year before it. */
  public Report withAcrossImport(AcrossImport across) {
    return new Report(town, region, year, template, status, towns, finalTowns, proactive, requests, appeals, events,
        source, importedTowns, importedViolations, across);
  }
}
