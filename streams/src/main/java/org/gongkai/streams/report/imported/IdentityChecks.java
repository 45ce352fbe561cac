package org.gongkai.streams.report.imported;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Template;

/**
 * R1–R5 (domain.md §5) over the cells an imported report has. Every identity is "sum of some
 * cells = sum of others". An instance whose cells were all read holds or is violated. One with
 * missing cells is unchecked, naming them — unless the cells read already break it whatever the
 * missing ones are: counts are never negative, so if one side is complete and the read part of
 * the other side is already larger, the instance is violated.
 */
final class IdentityChecks {
  private static final String TOTAL = "total";
  private static final Set<String> NOT_RESULTS =
      Set.of("received", "carried_over", "concluded_total", "carried_forward");

  private IdentityChecks() {}

  static List<Check> check(ImportedReport report, ImportedReport previousYear) {
    Template template = report.template();
    List<String> rows = Labels.rowKeys(template, Labels.REQUESTS);
    List<String> columns = Labels.columnKeys(template, Labels.REQUESTS);
    List<String> results = rows.stream().filter(r -> !NOT_RESULTS.contains(r)).toList();
    List<Check> checks = new ArrayList<>();

    for (String column : columns) {
      checks.add(equation(report, null, "R1", column,
          List.of(CellRef.request("received", column), CellRef.request("carried_over", column)),
          List.of(CellRef.request("concluded_total", column), CellRef.request("carried_forward", column))));
    }
    for (String column : columns) {
      checks.add(equation(report, null, "R2", column,
          List.of(CellRef.request("concluded_total", column)),
          results.stream().map(r -> CellRef.request(r, column)).toList(),
          "the " + results.size() + " result rows' " + column + " cells"));
    }
    for (String row : rows) {
      checks.add(equation(report, null, "R3", row,
          List.of(CellRef.request(row, TOTAL)),
          columns.stream().filter(c -> !c.equals(TOTAL)).map(c -> CellRef.request(row, c)).toList()));
    }
    for (String block : Labels.rowKeys(template, Labels.APPEALS)) {
      checks.add(equation(report, null, "R4", block,
          List.of(CellRef.appeal(block, TOTAL)),
          Labels.columnKeys(template, Labels.APPEALS).stream().filter(c -> !c.equals(TOTAL))
              .map(c -> CellRef.appeal(block, c)).toList()));
    }
    if (previousYear != null) {
      if (previousYear.year() != report.year() - 1) {
        throw new IllegalArgumentException("R5 needs the report of " + (report.year() - 1) + ", not of "
            + previousYear.year());
      }
      if (report.name() != null && previousYear.name() != null && !report.name().equals(previousYear.name())) {
        throw new IllegalArgumentException("R5 needs the previous report of " + report.name() + ", not of "
            + previousYear.name());
      }
      for (String column : columns) {
        checks.add(equation(report, previousYear, "R5", column,
            List.of(CellRef.request("carried_over", column)),
            List.of(CellRef.request("carried_forward", column))));
      }
    }
    return checks;
  }

  /**
   * left = right; for R5 the right side's cells are {@code previousYear}'s (named with the
   * year in the message, as cell references carry no year).
   */
  private static Check equation(ImportedReport report, ImportedReport previousYear, String rule, String subject,
      List<CellRef> left, List<CellRef> right) {
    return equation(report, previousYear, rule, subject, left, right, null);
  }

  /** @param rightName how to name the right side in the message instead of listing its terms */
  private static Check equation(ImportedReport report, ImportedReport previousYear, String rule, String subject,
      List<CellRef> left, List<CellRef> right, String rightName) {
    ImportedReport rightReport = previousYear == null ? report : previousYear;
    Side l = new Side(report, left, null);
    Side r = new Side(rightReport, right, rightName);
    List<CellRef> cells = new ArrayList<>(left);
    cells.addAll(right);
    List<CellRef> missing = new ArrayList<>(l.missing);
    missing.addAll(r.missing);
    List<CellRef> positional = new ArrayList<>(l.positional);
    positional.addAll(r.positional);

    Check.Status status;
    if (missing.isEmpty()) {
      status = l.known == r.known ? Check.Status.HOLDS : Check.Status.VIOLATED;
    } else if (l.nonNegative && r.nonNegative
        && (l.missing.isEmpty() && r.known > l.known || r.missing.isEmpty() && l.known > r.known)) {
      status = Check.Status.VIOLATED;
    } else {
      status = Check.Status.UNCHECKED;
    }

    String yearNote = previousYear == null ? "" : " (" + previousYear.year() + ")";
    StringBuilder message = new StringBuilder(rule).append(' ').append(subject).append(": ")
        .append(l.describe("")).append(status == Check.Status.HOLDS ? " = " : " vs ")
        .append(r.describe(yearNote));
    if (status == Check.Status.VIOLATED) {
      message.append(missing.isEmpty() ? "; they differ"
          : "; they differ whatever the missing cells are (counts are not negative)");
    }
    if (!missing.isEmpty()) {
      message.append("; missing: ").append(join(missing));
    }
    if (!positional.isEmpty()) {
      message.append("; read by position (last printed cell as ")
          .append(Labels.column(report.template(), Labels.REQUESTS, TOTAL)).append("): ").append(join(positional));
    }
    return new Check(rule, subject, status, cells, missing, positional, message.toString());
  }

  private static String join(List<CellRef> cells) {
    return cells.stream().map(CellRef::toString).collect(Collectors.joining(", "));
  }

  /** One side of an equation: the sum of the cells read, and which are missing or positional. */
  private static final class Side {
    final List<CellRef> cells;
    final String name;
    final List<Long> values = new ArrayList<>();
    final List<CellRef> missing = new ArrayList<>();
    final List<CellRef> positional = new ArrayList<>();
    long known;
    boolean nonNegative = true;

    Side(ImportedReport report, List<CellRef> cells, String name) {
      this.cells = cells;
      this.name = name;
      for (CellRef cell : cells) {
        Long value = (Long) report.value(cell);
        values.add(value);
        if (value == null) {
          missing.add(cell);
        } else {
          known += value;
          nonNegative &= value >= 0;
        }
        if (Labels.REQUESTS.equals(cell.table()) && report.row(cell.row()).positional().contains(cell.column())) {
          positional.add(cell);
        }
      }
    }

    /** e.g. "received/total 1 + carried_over/total 0 = 1", or "… ? …" with missing cells. */
    String describe(String yearNote) {
      if (name != null) {
        return name + " (" + (cells.size() - missing.size()) + " of " + cells.size() + " read) sum to " + known
            + (missing.isEmpty() ? "" : " + ?");
      }
      List<String> terms = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        CellRef cell = cells.get(i);
        terms.add(cell.row() + "/" + cell.column() + yearNote + " " + Objects.toString(values.get(i), "?"));
      }
      String sum = String.join(" + ", terms);
      if (cells.size() == 1) {
        return sum;
      }
      return sum + (missing.isEmpty() ? " = " + known : " = " + known + " + ?");
    }
  }
}
