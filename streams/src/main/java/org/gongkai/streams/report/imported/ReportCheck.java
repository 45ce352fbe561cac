package org.gongkai.streams.report.imported;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.Report;

/**
 * What {@link ReportChecker} finds in a published report: its year and body, the template its
 * labels are of and the one its year wants, the cells read (domain.md's keys; null for a cell
 * blank or unreadable), the rules it breaks, what is odd but not wrong, and the readings that
 * stay ambiguous. The answer of {@code gongkai check --json} and {@code POST /api/v1/checks}.
 *
 * @param template the template the printed labels are of; null when they name neither
 * @param templateExpected the template of the report year
 */
@JsonPropertyOrder({"year", "body", "template", "templateExpected", "report", "violations", "warnings", "ambiguous"})
public record ReportCheck(
    int year,
    String body,
    String template,
    String templateExpected,
    Tables report,
    List<Violation> violations,
    List<Warning> warnings,
    List<Ambiguity> ambiguous) {

  public ReportCheck {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    ambiguous = List.copyOf(ambiguous);
  }

  /** Tables 二, 三 and 四 as read, in the keys of a served report. */
  public record Tables(
      Map<String, Map<String, Object>> proactive, Report.Requests requests, Map<String, Map<String, Long>> appeals) {}

  /**
   * A rule the report breaks.
   *
   * @param rule R1 … R8
   * @param cells every cell involved, as JSON paths ({@code requests.granted.natural_person})
   * @param expected what the rule wants: a sum, the figure stated in the text, "a number", a template
   * @param found what the report has instead
   * @param message in Chinese
   * @param messageEn in English
   * @param line the line of the published text, when one line is at fault
   */
  public record Violation(
      String rule, List<String> cells, Object expected, Object found, String message, String messageEn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer line) {}

  /** Something odd but not wrong: a unit guessed, a label misspelt, cells read from a run-together print. */
  public record Warning(
      String where, List<String> cells, String message, String messageEn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer line) {}

  /** A print with several readings: its cells are left unknown, every candidate is listed. */
  public record Ambiguity(
      String where, List<String> cells, List<Map<String, Long>> candidates, String message, String messageEn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer line) {}

  /** Whether the report breaks no rule. */
  public boolean clean() {
    return violations.isEmpty();
  }
}
