package org.gongkai.streams.report.imported;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.CellRef;
import org.gongkai.streams.report.Cells;
import org.gongkai.streams.report.Check;
import org.gongkai.streams.report.Identities;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Template;

/**
 * A report read from its published text by {@link ReportImporter}: the cells that could be read,
 * in the JSON shape of domain.md (every row and column of the template is present; a cell that
 * could not be read is null), what could not be read ({@link #problems}), and the identities
 * R1–R6 checked over the cells that exist ({@link #checks}).
 *
 * @param name the reporting body as in the title line, e.g. 南港镇
 * @param year the report year from the title line
 * @param template the template the cells are keyed by: the printed one, else that of the year
 * @param proactive table 二: row → column → {@code Long} count, or the 万元 amount as a string
 *     with 4 decimals ("145.6381"); null if unread
 * @param requests table 三: row key → row as published
 * @param appeals table 四: block → column → count; null if unread
 * @param problems rows and cells that could not be read, or only in part, or with a doubt, and why
 * @param printed the template the printed labels are of; null when they name none
 * @param stated the figures the text outside the tables states about them (rule R7)
 * @param mentionsFees whether the text outside the tables speaks of fees (收费, 信息处理费)
 */
public record ImportedReport(
    String name,
    int year,
    Template template,
    Map<String, Map<String, Object>> proactive,
    Map<String, ImportedRow> requests,
    Map<String, Map<String, Long>> appeals,
    List<Problem> problems,
    Template printed,
    List<StatedFigures.Stated> stated,
    boolean mentionsFees) implements Cells {

  public ImportedReport {
    proactive = frozen(proactive);
    requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
    appeals = frozen(appeals);
    problems = List.copyOf(problems);
    stated = List.copyOf(stated);
  }

  /** The template of the report year (domain.md §1), whatever the print's labels are. */
  public Template expectedTemplate() {
    return Template.forYear(year);
  }

  private static <V> Map<String, Map<String, V>> frozen(Map<String, Map<String, V>> table) {
    Map<String, Map<String, V>> copy = new LinkedHashMap<>();
    table.forEach((row, cells) -> copy.put(row, Collections.unmodifiableMap(new LinkedHashMap<>(cells))));
    return Collections.unmodifiableMap(copy);
  }

  /** A cell of table 三, or null if unread. */
  public Long request(String row, String column) {
    return row(row).cell(column);
  }

  /** A row of table 三. */
  public ImportedRow row(String row) {
    ImportedRow found = requests.get(row);
    if (found == null) {
      throw new IllegalArgumentException("template " + template.key() + " has no row '" + row + "' in table 三");
    }
    return found;
  }

  /** Any cell by reference: a {@code Long}, a 万元 string, or null if unread. */
  public Object value(CellRef cell) {
    return switch (cell.table()) {
      case Labels.PROACTIVE -> proactive.get(cell.row()).get(cell.column());
      case Labels.REQUESTS -> request(cell.row(), cell.column());
      case Labels.APPEALS -> appeals.get(cell.row()).get(cell.column());
      default -> throw new IllegalArgumentException("unknown table: " + cell.table());
    };
  }

  @Override
  public Long count(CellRef cell) {
    return value(cell) instanceof Long n ? n : null;
  }

  @Override
  public boolean positional(CellRef cell) {
    return Labels.REQUESTS.equals(cell.table()) && row(cell.row()).positional().contains(cell.column());
  }

  /** R1–R4 over the cells read: holding, violated and unchecked instances, in rule order. */
  public List<Check> checks() {
    return Identities.check(this, null);
  }

  /**
   * R1–R5: as {@link #checks()}, plus R5 per column against the report of the year before.
   *
   * @throws IllegalArgumentException if {@code previousYear} is not for {@code year − 1} or names
   *     another body
   */
  public List<Check> checks(ImportedReport previousYear) {
    if (previousYear.year() != year - 1) {
      throw new IllegalArgumentException("last year's report must be of " + (year - 1) + ", not of " + previousYear.year());
    }
    if (name != null && previousYear.name() != null && !name.equals(previousYear.name())) {
      throw new IllegalArgumentException("R5 needs the previous report of " + name + ", not of " + previousYear.name());
    }
    return Identities.check(this, previousYear);
  }

  /** The identity instances the published cells break, each naming its cells. */
  public List<Check> violations() {
    return only(checks(), Check.Status.VIOLATED);
  }

  public List<Check> violations(ImportedReport previousYear) {
    return only(checks(previousYear), Check.Status.VIOLATED);
  }

  /** The identity instances that cannot be checked, each naming the missing cells. */
  public List<Check> unchecked() {
    return only(checks(), Check.Status.UNCHECKED);
  }

  public List<Check> unchecked(ImportedReport previousYear) {
    return only(checks(previousYear), Check.Status.UNCHECKED);
  }

  private static List<Check> only(List<Check> checks, Check.Status status) {
    return checks.stream().filter(c -> c.status() == status).toList();
  }
}
