package org.gongkai.streams.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The identities of domain.md §5, one implementation for every report: a report computed from
 * events ({@link #violations(Report, Report)}, where they hold by construction and the tests check
 * that they do) and a report imported from its published text, which may lack cells.
 *
 * <p>Each identity is "left = right", sums of cells. An instance whose cells are all known holds
 * or is violated. One with missing cells is unchecked, naming them, unless the known cells already
 * break it whatever the missing ones are: counts are never negative, so if one side is complete
 * and the known part of the other is already larger, the instance is violated.
 *
 * <ul>
 *   <li>R1 per column: received + carried_over = concluded_total + carried_forward;
 *   <li>R2 per column: concluded_total = the sum of the result rows;
 *   <li>R3 per row of table 三: total = the sum of the six applicant columns;
 *   <li>R4 per block of table 四: total = upheld + corrected + other + pending;
 *   <li>R5 per column, with last year's report: carried_over(t) = carried_forward(t−1);
 *   <li>R6 (template 2021, last year's report of template 2021) for rules and
 *       normative_documents: in_force(t) = in_force(t−1) + issued(t) − repealed(t).
 * </ul>
 */
public final class Identities {
  private static final String TOTAL = "total";
  private static final Set<String> NOT_RESULTS =
      Set.of("received", "carried_over", "concluded_total", "carried_forward");

  private Identities() {}

  /** The result rows of table 三 (予以公开 … 其他处理) in template order. */
  public static List<String> resultRows(Template template) {
    return Labels.rowKeys(template, Labels.REQUESTS).stream().filter(r -> !NOT_RESULTS.contains(r)).toList();
  }

  /** The messages of the instances a computed report breaks; R5 and R6 when {@code previousYear} is given. */
  public static List<String> violations(Report report, Report previousYear) {
    return check(Cells.of(report), previousYear == null ? null : Cells.of(previousYear)).stream()
        .filter(c -> c.status() != Check.Status.HOLDS).map(Check::message).toList();
  }

  /**
   * Every instance of R1–R4, and of R5–R6 when last year's report is given, in rule order.
   *
   * @throws IllegalArgumentException if {@code previousYear} is not for the year before
   */
  public static List<Check> check(Cells report, Cells previousYear) {
    if (previousYear != null && previousYear.year() != report.year() - 1) {
      throw new IllegalArgumentException("R5 and R6 need the report of " + (report.year() - 1) + ", not of "
          + previousYear.year());
    }
    Template template = report.template();
    List<String> rows = Labels.rowKeys(template, Labels.REQUESTS);
    List<String> columns = Labels.columnKeys(template, Labels.REQUESTS);
    List<String> results = resultRows(template);
    List<Check> checks = new ArrayList<>();
    Sides s = new Sides(report, previousYear);

    for (String column : columns) {
      checks.add(s.equation("R1", column, zhColumn(template, column),
          s.side(s.now("received", column), s.now("carried_over", column)),
          s.side(s.now("concluded_total", column), s.now("carried_forward", column))));
    }
    for (String column : columns) {
      checks.add(s.equation("R2", column, zhColumn(template, column),
          s.side(s.now("concluded_total", column)),
          s.named(results.stream().map(r -> s.now(r, column)).toList(),
              "the " + results.size() + " result rows' " + column + " cells",
              "办理结果各行（" + results.size() + " 行）之和")));
    }
    for (String row : rows) {
      checks.add(s.equation("R3", row, zhRow(template, Labels.REQUESTS, row),
          s.side(s.now(row, TOTAL)),
          s.named(columns.stream().filter(c -> !c.equals(TOTAL)).map(c -> s.now(row, c)).toList(),
              "the six applicant columns", "六个申请人列之和")));
    }
    List<String> appealColumns = Labels.columnKeys(template, Labels.APPEALS);
    for (String block : Labels.rowKeys(template, Labels.APPEALS)) {
      checks.add(s.equation("R4", block, Labels.row(template, Labels.APPEALS, block),
          s.side(s.term(CellRef.appeal(block, TOTAL), report, 1)),
          s.side(appealColumns.stream().filter(c -> !c.equals(TOTAL))
              .map(c -> s.term(CellRef.appeal(block, c), report, 1)).toArray(Term[]::new))));
    }
    if (previousYear == null) {
      return checks;
    }
    // Table 三's carried rows and columns are the same in both templates (2020 → 2021 too).
    for (String column : columns) {
      checks.add(s.equation("R5", column, zhColumn(template, column),
          s.side(s.now("carried_over", column)),
          s.side(s.term(CellRef.request("carried_forward", column), previousYear, 1))));
    }
    if (template == Template.T2021 && previousYear.template() == Template.T2021) {
      for (String row : List.of("rules", "normative_documents")) {
        checks.add(s.equation("R6", row, zhRow(template, Labels.PROACTIVE, row),
            s.side(s.term(CellRef.proactive(row, "in_force"), report, 1)),
            s.side(s.term(CellRef.proactive(row, "in_force"), previousYear, 1),
                s.term(CellRef.proactive(row, "issued"), report, 1),
                s.term(CellRef.proactive(row, "repealed"), report, -1))));
      }
    }
    return checks;
  }

  private static String zhColumn(Template template, String column) {
    List<String> path = Labels.columnPath(template, Labels.REQUESTS, column);
    return path.get(path.size() - 1);
  }

  /** A row's own label, e.g. （一）予以公开, 规章. */
  static String zhRow(Template template, String table, String row) {
    List<String> path = Labels.rowPath(template, table, row);
    return path.get(path.size() - 1);
  }

  /** One term of a side: a cell of this year's or last year's report, added or subtracted. */
  private record Term(CellRef cell, Cells report, int sign, Long value) {}

  private record Side(List<Term> terms, String name, String nameZh) {
    long known() {
      return terms.stream().filter(t -> t.value() != null).mapToLong(t -> t.sign() * t.value()).sum();
    }

    List<CellRef> missing() {
      return terms.stream().filter(t -> t.value() == null).map(Term::cell).toList();
    }

    /** Whether a missing cell can only add to the sum. */
    boolean onlyAdds() {
      return terms.stream().allMatch(t -> t.sign() > 0 && (t.value() == null || t.value() >= 0));
    }
  }

  /** Builds the sides and instances of one report's checks. */
  private static final class Sides {
    final Cells report;
    final Cells previousYear;

    Sides(Cells report, Cells previousYear) {
      this.report = report;
      this.previousYear = previousYear;
    }

    Term now(String row, String column) {
      return term(CellRef.request(row, column), report, 1);
    }

    Term term(CellRef cell, Cells of, int sign) {
      return new Term(cell, of, sign, of.count(cell));
    }

    Side side(Term... terms) {
      return new Side(List.of(terms), null, null);
    }

    Side named(List<Term> terms, String name, String nameZh) {
      return new Side(terms, name, nameZh);
    }

    Check equation(String rule, String subject, String subjectZh, Side left, Side right) {
      List<CellRef> cells = new ArrayList<>();
      List<CellRef> positional = new ArrayList<>();
      for (Side side : List.of(left, right)) {
        for (Term t : side.terms()) {
          cells.add(t.cell());
          if (t.report().positional(t.cell())) {
            positional.add(t.cell());
          }
        }
      }
      List<CellRef> missing = new ArrayList<>(left.missing());
      missing.addAll(right.missing());
      long l = left.known();
      long r = right.known();
      Check.Status status;
      if (missing.isEmpty()) {
        status = l == r ? Check.Status.HOLDS : Check.Status.VIOLATED;
      } else if (left.onlyAdds() && right.onlyAdds()
          && (left.missing().isEmpty() && r > l || right.missing().isEmpty() && l > r)) {
        status = Check.Status.VIOLATED;
      } else {
        status = Check.Status.UNCHECKED;
      }
      boolean holds = status == Check.Status.HOLDS;
      StringBuilder en = new StringBuilder(rule).append(' ').append(subject).append(": ")
          .append(describe(left, false)).append(holds ? " = " : " vs ").append(describe(right, false));
      StringBuilder zh = new StringBuilder(rule).append(' ').append(subjectZh).append("：")
          .append(describe(left, true)).append(holds ? " = " : "，而 ").append(describe(right, true));
      if (status == Check.Status.VIOLATED) {
        en.append(missing.isEmpty() ? "; they differ" : "; they differ whatever the missing cells are (counts are not negative)");
        zh.append(missing.isEmpty() ? "，两者不等" : "，无论缺失的单元格是多少都不相等（件数不为负）");
      }
      if (!missing.isEmpty()) {
        en.append("; missing: ").append(join(missing));
        zh.append("；缺失：").append(join(missing));
      }
      if (!positional.isEmpty()) {
        en.append("; read by position (a short row's last cell as total): ").append(join(positional));
        zh.append("；按位置读取（缺格行的最后一格视为总计）：").append(join(positional));
      }
      return new Check(rule, subject, status, cells, missing, positional, l, r, en.toString(), zh.toString());
    }

    /** e.g. "requests.received.total 1 + requests.carried_over.total 0 = 1", "… ? …" for missing cells. */
    private String describe(Side side, boolean chinese) {
      long known = side.known();
      String rest = side.missing().isEmpty() ? "" : " + ?";
      if (side.name() != null) {
        int read = side.terms().size() - side.missing().size();
        return chinese
            ? side.nameZh() + "（已读 " + read + "/" + side.terms().size() + " 格）为 " + known + rest
            : side.name() + " (" + read + " of " + side.terms().size() + " read) sum to " + known + rest;
      }
      StringBuilder sum = new StringBuilder();
      for (Term t : side.terms()) {
        if (!sum.isEmpty()) {
          sum.append(t.sign() < 0 ? " − " : " + ");
        } else if (t.sign() < 0) {
          sum.append("− ");
        }
        String name = chinese ? zhCell(t) : t.cell().path();
        String year = t.report() == report ? "" : " (" + t.report().year() + ")";
        sum.append(name).append(year).append(' ').append(t.value() == null ? "?" : t.value());
      }
      return side.terms().size() == 1 ? sum.toString() : sum + " = " + known + rest;
    }

    private static String zhCell(Term t) {
      CellRef c = t.cell();
      Template template = t.report().template();
      List<String> column = Labels.columnPath(template, c.table(), c.column());
      return zhRow(template, c.table(), c.row()) + "·" + column.get(column.size() - 1);
    }
  }

  private static String join(List<CellRef> cells) {
    return cells.stream().map(CellRef::path).collect(Collectors.joining(", "));
  }
}
