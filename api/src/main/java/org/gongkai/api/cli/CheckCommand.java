package org.gongkai.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gongkai.streams.report.imported.NotAReport;
import org.gongkai.streams.report.imported.ReportCheck;
import org.gongkai.streams.report.imported.ReportChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a published annual report (its text, or its HTML page) against the rules R1–R8 of
 * docs/reports.md, without a broker: what it reads, which rules it breaks with the cells
 * involved, what is odd. Exit codes: 0 no violation; 1 violations; 2 the file is not a report
 * that can be checked (not one, cut short, above 2 MiB, not UTF-8, unreadable).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check a published annual report (text or HTML, UTF-8) against the rules R1–R8; no broker needed.")
public final class CheckCommand implements Callable<Integer> {
  static final int VIOLATIONS = 1;
  static final int NOT_A_REPORT = 2;
  /** Cells listed per violation in the readable list; --json lists them all. */
  private static final int CELLS_SHOWN = 6;

  @Option(names = "--json", defaultValue = "${env:GONGKAI_CHECK_JSON:-false}",
      description = "Print the answer as JSON (as POST /api/v1/checks). Env GONGKAI_CHECK_JSON.")
  boolean json;

  @Option(names = "--previous", paramLabel = "FILE", defaultValue = "${env:GONGKAI_CHECK_PREVIOUS}",
      description = "Last year's report of the same body, for R5 (carried over) and R6 (documents in force). "
          + "Env GONGKAI_CHECK_PREVIOUS.")
  Path previous;

  @Parameters(paramLabel = "FILE", description = "The published report: text (.txt) or HTML, UTF-8.")
  Path file;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReportCheck check;
    try {
      String text = read(file);
      check = previous == null ? ReportChecker.check(text) : ReportChecker.check(text, read(previous));
    } catch (NotAReport e) {
      err.println(e.getMessage());
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(java.util.Map.of(
            "error", e.reason().name().toLowerCase(java.util.Locale.ROOT), "message", e.getMessage())));
        out.flush();
      }
      return NOT_A_REPORT;
    } catch (IllegalArgumentException e) {
      err.println((previous == null ? file : previous) + ": " + e.getMessage());
      return NOT_A_REPORT;
    }
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(check));
    } else {
      print(check, out);
    }
    out.flush();
    return check.clean() ? 0 : VIOLATIONS;
  }

  /** The file as UTF-8 text; {@link NotAReport} (named by the file) when it cannot be. */
  private static String read(Path path) throws IOException {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new NotAReport(NotAReport.Reason.NOT_A_REPORT, "cannot read " + path);
    }
    if (Files.size(path) > ReportChecker.MAX_BYTES) {
      throw new NotAReport(NotAReport.Reason.TOO_LARGE, path + ": " + Files.size(path) + " bytes, above the cap of "
          + (ReportChecker.MAX_BYTES >> 20) + " MiB (a published report is tens of KiB); nothing was read");
    }
    try {
      return ReportChecker.decode(Files.readAllBytes(path));
    } catch (NotAReport e) {
      throw new NotAReport(e.reason(), path + ": " + e.getMessage());
    }
  }

  /** The answer as a short list a monitor reads: each violation in Chinese, then English. */
  static void print(ReportCheck check, PrintWriter out) {
    out.println(check.body() + " " + check.year() + " 年度报告 — template " + (check.template() == null ? "?" : check.template())
        + " (expected " + check.templateExpected() + ")");
    out.println(read(check));
    out.println(check.violations().isEmpty() ? "no violation / 未发现违反规则"
        : check.violations().size() + " violation(s) / 违反规则 " + check.violations().size() + " 处:");
    for (ReportCheck.Violation v : check.violations()) {
      out.println("  " + v.rule() + (v.line() == null ? "" : " line " + v.line()) + ": " + v.message());
      out.println("      " + v.messageEn());
      if (!v.cells().isEmpty()) {
        out.println("      cells: " + shown(v.cells()));
      }
    }
    if (!check.ambiguous().isEmpty()) {
      out.println(check.ambiguous().size() + " ambiguous reading(s) / 有歧义 " + check.ambiguous().size() + " 处:");
      check.ambiguous().forEach(a -> out.println("  " + a.where() + ": " + a.candidates().size() + " candidates "
          + a.candidates()));
    }
    if (!check.warnings().isEmpty()) {
      out.println(check.warnings().size() + " warning(s) / 提示 " + check.warnings().size() + " 条:");
      check.warnings().forEach(w -> out.println("  " + w.where() + (w.line() == null ? "" : " line " + w.line()) + ": "
          + w.message() + " / " + w.messageEn()));
    }
  }

  /** How many cells were read, and the money figures (政府集中采购, 行政事业性收费) as read. */
  private static String read(ReportCheck check) {
    List<Object> cells = new ArrayList<>();
    check.report().proactive().values().forEach(row -> cells.addAll(row.values()));
    check.report().requests().rows().values().forEach(row -> cells.addAll(row.values()));
    check.report().appeals().values().forEach(block -> cells.addAll(block.values()));
    long known = cells.stream().filter(Objects::nonNull).count();
    StringBuilder line = new StringBuilder("cells read / 已读单元格: " + known + " of " + cells.size());
    Map<String, Object> procurement = check.report().proactive().get("procurement");
    if (procurement != null) {
      line.append("; 政府集中采购 ").append(procurement.get("projects")).append(" 件 / ")
          .append(procurement.get("amount")).append(" 万元");
    }
    Map<String, Object> fees = check.report().proactive().get("fees");
    if (fees != null && fees.containsKey("amount")) {
      line.append("; 行政事业性收费 ").append(fees.get("amount")).append(" 万元");
    }
    return line.toString();
  }

  private static String shown(List<String> cells) {
    return cells.size() <= CELLS_SHOWN ? String.join(", ", cells)
        : String.join(", ", cells.subList(0, CELLS_SHOWN)) + " … (" + cells.size() + " cells; --json lists all)";
  }
}
