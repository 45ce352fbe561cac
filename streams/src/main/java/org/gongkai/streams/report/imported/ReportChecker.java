package org.gongkai.streams.report.imported;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.CellRef;
import org.gongkai.streams.report.Check;
import org.gongkai.streams.report.Identities;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/**
 * Checks a published report as it is found in the wild against R1–R8 (docs/reports.md): reads it
 * with {@link ReportImporter}, runs the one implementation of the identities
 * ({@link Identities}, R1–R6) over the cells it has, compares the figures its text states with
 * the table (R7) and lists every cell lost, blank, unreadable or ambiguous, fees charged and not
 * spoken of, and a template that is not the year's (R8). Deterministic: the same text, the same
 * answer.
 *
 * <p>Entry points: {@link #check(String)} for a text, {@link #check(byte[])} for a file or request
 * body (capped at {@link #MAX_BYTES}, UTF-8 only); with last year's report also R5 and R6.
 */
public final class ReportChecker {
  /** Largest report read: a published report is tens of KiB; its HTML page a few hundred. */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  private ReportChecker() {}

  public static ReportCheck check(String text) {
    return check(text, null);
  }

  /**
   * @param previousYear last year's report of the same body, or null
   * @throws NotAReport if either text is not a report that can be checked, saying why
   * @throws IllegalArgumentException if {@code previousYear} is not of the year before, or of another body
   */
  public static ReportCheck check(String text, String previousYear) {
    capped(text);
    ImportedReport report = new ReportImporter().read(text);
    ImportedReport previous = null;
    if (previousYear != null) {
      capped(previousYear);
      previous = new ReportImporter().read(previousYear);
    }
    return check(report, previous);
  }

  /** A file's or request's bytes: at most {@link #MAX_BYTES}, UTF-8 (a byte order mark is dropped). */
  public static ReportCheck check(byte[] bytes) {
    return check(decode(bytes));
  }

  /** The bytes as UTF-8 text, or {@link NotAReport} saying where they stop being UTF-8. */
  public static String decode(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(bytes.length);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      CharBuffer out = CharBuffer.allocate(bytes.length);
      StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      String hint = decodes(bytes, Charset.forName("GB18030"))
          ? "; it reads as GB18030/GBK: convert it to UTF-8 (iconv -f GB18030 -t UTF-8)" : "";
      throw new NotAReport(NotAReport.Reason.NOT_UTF8, "not UTF-8 text: byte " + (at + 1) + " (line " + line
          + ") is not UTF-8" + hint);
    }
  }

  private static boolean decodes(byte[] bytes, Charset charset) {
    try {
      charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static void capped(String text) {
    // a char is at most 3 UTF-8 bytes (a surrogate pair, 2 chars, is 4)
    if (text.length() > MAX_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw tooLarge(text.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private static NotAReport tooLarge(long bytes) {
    return new NotAReport(NotAReport.Reason.TOO_LARGE, "too large: " + bytes + " bytes, above the cap of "
        + (MAX_BYTES >> 20) + " MiB (a published report is tens of KiB); nothing was read");
  }

  /** The rules over a report already read, and last year's (null if unknown). */
  public static ReportCheck check(ImportedReport report, ImportedReport previous) {
    List<ReportCheck.Violation> violations = new ArrayList<>();
    List<ReportCheck.Warning> warnings = new ArrayList<>();
    List<ReportCheck.Ambiguity> ambiguous = new ArrayList<>();

    List<Check> checks = previous == null ? report.checks() : report.checks(previous);
    for (Check check : checks) {
      if (check.status() == Check.Status.VIOLATED) {
        violations.add(new ReportCheck.Violation(check.rule(), paths(check.cells()), check.expected(), check.found(),
            check.messageZh(), check.message(), null));
      }
    }
    long unchecked = checks.stream().filter(c -> c.status() == Check.Status.UNCHECKED).count();
    if (unchecked > 0) {
      warnings.add(new ReportCheck.Warning("identities", List.of(),
          unchecked + " 处勾稽关系因单元格缺失无法核对（缺失的单元格见 R8）",
          unchecked + " identity instances cannot be checked: cells are missing (see R8)", null));
    }
    stated(report, violations);
    for (Problem problem : report.problems()) {
      Integer line = problem.line() > 0 ? problem.line() : null;
      switch (problem.kind()) {
        case UNREAD -> violations.add(new ReportCheck.Violation("R8", paths(problem.cells()), "a number",
            problem.printed(), problem.messageZh(), problem.message(), line));
        case AMBIGUOUS -> {
          violations.add(new ReportCheck.Violation("R8", paths(problem.cells()), "one reading", problem.printed(),
              problem.messageZh(), problem.message(), line));
          ambiguous.add(new ReportCheck.Ambiguity(problem.where(), paths(problem.cells()), problem.candidates(),
              problem.messageZh(), problem.message(), line));
        }
        case WARNING -> warnings.add(new ReportCheck.Warning(problem.where(), paths(problem.cells()),
            problem.messageZh(), problem.message(), line));
      }
    }
    fees(report, violations);
    Template expected = report.expectedTemplate();
    if (report.printed() == null) {
      warnings.add(new ReportCheck.Warning("template", List.of(),
          "表格标签不属于任何一种模板，按 " + expected.key() + " 年模板读取",
          "the table labels are of neither template; read as template " + expected.key() + ", the year's", null));
    } else if (report.printed() != expected) {
      violations.add(new ReportCheck.Violation("R8", List.of(), expected.key(), report.printed().key(),
          report.year() + " 年度报告应使用 " + expected.key() + " 年模板（" + expected.notice() + "），实际使用 "
              + report.printed().key() + " 年模板（" + report.printed().notice() + "）",
          "a " + report.year() + " report follows template " + expected.key() + " (" + expected.notice()
              + "), this one prints template " + report.printed().key(), null));
    }
    violations.sort(Comparator.comparing(ReportCheck.Violation::rule));
    return new ReportCheck(report.year(), report.name(), report.printed() == null ? null : report.printed().key(),
        expected.key(), tables(report), violations, warnings, ambiguous);
  }

  /**
   * R7: each figure the text states against the cells it describes, when they are known; a 总计
   * cell printed blank stands for the sum of its row's applicant cells, when those are known.
   */
  private static void stated(ImportedReport report, List<ReportCheck.Violation> violations) {
    for (StatedFigures.Stated stated : report.stated()) {
      long sum = 0;
      boolean known = true;
      boolean implied = false;
      List<CellRef> involved = new ArrayList<>();
      for (CellRef cell : stated.cells()) {
        involved.add(cell);
        Long value = report.count(cell);
        if (value == null && cell.table().equals(Labels.REQUESTS) && cell.column().equals("total")) {
          List<CellRef> applicants = Labels.columnKeys(report.template(), Labels.REQUESTS).stream()
              .filter(c -> !c.equals("total")).map(c -> CellRef.request(cell.row(), c)).toList();
          if (applicants.stream().allMatch(c -> report.count(c) != null)) {
            value = applicants.stream().mapToLong(report::count).sum();
            involved.addAll(applicants);
            implied = true;
          }
        }
        known &= value != null;
        sum += value == null ? 0 : value;
      }
      if (known && sum != stated.value()) {
        String cells = paths(stated.cells()).toString();
        violations.add(new ReportCheck.Violation("R7", paths(involved), stated.value(), sum,
            "正文“" + stated.clause() + "”称" + stated.phrase() + " " + stated.value() + " 件，表格 " + cells + " 为 " + sum
                + (implied ? "（总计空白，取各申请人列之和）" : ""),
            "the text says \"" + stated.clause() + "\" (" + stated.phrase() + " " + stated.value() + "), the table "
                + cells + " says " + sum + (implied ? " (总计 blank: the sum of the applicant columns)" : ""),
            stated.line()));
      }
    }
  }

  /** R8: fees charged (template 2021) are spoken of in the text. */
  private static void fees(ImportedReport report, List<ReportCheck.Violation> violations) {
    if (report.template() != Template.T2021 || report.mentionsFees()) {
      return;
    }
    CellRef amount = CellRef.proactive("fees", "amount");
    CellRef unpaid = CellRef.request("other_unpaid_fee", "total");
    Object charged = report.value(amount);
    Long unpaidFees = report.count(unpaid);
    boolean fees = charged instanceof String s && new BigDecimal(s).signum() > 0;
    if (fees || unpaidFees != null && unpaidFees > 0) {
      violations.add(new ReportCheck.Violation("R8", paths(List.of(amount, unpaid)), "a word on fees in the text",
          fees ? charged : unpaidFees,
          "表格记有收费（本年收费金额 " + charged + " 万元，逾期未缴费 " + unpaidFees + " 件），正文却未提及收费",
          "the tables show fees (amount " + charged + " 万元, unpaid-fee requests " + unpaidFees
              + ") but the text says nothing of fees (收费, 信息处理费)", null));
    }
  }

  private static ReportCheck.Tables tables(ImportedReport report) {
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    report.requests().forEach((key, row) -> rows.put(key, row.cells()));
    return new ReportCheck.Tables(report.proactive(), new Report.Requests(rows), report.appeals());
  }

  private static List<String> paths(List<CellRef> cells) {
    return cells.stream().map(CellRef::path).toList();
  }
}
