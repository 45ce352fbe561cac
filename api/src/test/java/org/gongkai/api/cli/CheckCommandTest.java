package org.gongkai.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gongkai check}: no broker, an answer and an exit code for every file. */
class CheckCommandTest {
  static final Path SEED = Path.of("..", "seeds", "000_713aac75e110bc97.txt");
  static final Path PUBLISHED = Path.of("..", "streams", "src", "test", "resources", "published");

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  @Test
  void shouldListLostCellsAndExitOneWhenReferenceReportIsChecked() throws Exception {
    Run run = check(SEED.toString());
    assertEquals(CheckCommand.VIOLATIONS, run.exit(), run.err());
    assertTrue(run.out().startsWith("南港镇 2020 年度报告 — template 2019 (expected 2019)"), run.out());
    // 22 cells of table 二, 2 × 7 + 21 × 1 (the short rows' 总计) of table 三, 15 of table 四
    assertTrue(run.out().contains("cells read / 已读单元格: 72 of 198; 政府集中采购 177 件 / 145.6381 万元"), run.out());
    assertTrue(run.out().contains("21 violation(s)"), run.out());
    assertTrue(run.out().contains("R8 line 132: 应有 7 格，仅印出 5 格"), run.out());
    assertTrue(run.out().contains("cells: requests.granted.natural_person, requests.granted.commercial_enterprise"), run.out());
    assertTrue(run.out().contains("结果维护"), "the variant is a warning: " + run.out());
  }

  @Test
  void shouldPrintTheRoutesJsonWhenAskedFor() throws Exception {
    Run run = check("--json", SEED.toString());
    assertEquals(CheckCommand.VIOLATIONS, run.exit());
    JsonNode check = new ObjectMapper().readTree(run.out());
    assertEquals(177, check.at("/report/proactive/procurement/projects").asInt());
    assertEquals("145.6381", check.at("/report/proactive/procurement/amount").asText());
    assertEquals(21, check.get("violations").size());
  }

  @Test
  void shouldExitZeroWhenReportBreaksNoRule() throws Exception {
    Run run = check(PUBLISHED.resolve("e-word-export-2021.txt").toString());
    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("no violation"), run.out());
  }

  @Test
  void shouldCheckAgainstLastYearWhenPreviousIsGiven() throws Exception {
    Run run = check("--json", "--previous", PUBLISHED.resolve("e-word-export-2021.txt").toString(),
        PUBLISHED.resolve("e-merged-cells-2022.html").toString());
    assertEquals(CheckCommand.VIOLATIONS, run.exit());
    JsonNode rules = new ObjectMapper().readTree(run.out()).get("violations");
    assertEquals("R5 R5 R6 R8", String.join(" ", rules.findValuesAsText("rule")));
    Run wrongYear = check("--previous", SEED.toString(), PUBLISHED.resolve("e-merged-cells-2022.html").toString());
    assertEquals(CheckCommand.NOT_A_REPORT, wrongYear.exit());
    assertTrue(wrongYear.err().contains("2021"), wrongYear.err());
  }

  @Test
  void shouldExitTwoSayingWhyWhenFileIsNoReport() throws Exception {
    Path prose = Files.writeString(dir.resolve("prose.txt"), "今天天气很好。\n");
    Run notReport = check(prose.toString());
    assertEquals(CheckCommand.NOT_A_REPORT, notReport.exit());
    assertTrue(notReport.err().contains("no title line"), notReport.err());

    String report = Files.readString(PUBLISHED.resolve("a-pipes-2020.txt"));
    Path gbk = Files.write(dir.resolve("gbk.txt"), report.getBytes(Charset.forName("GBK")));
    Run notUtf8 = check("--json", gbk.toString());
    assertEquals(CheckCommand.NOT_A_REPORT, notUtf8.exit());
    assertTrue(notUtf8.err().contains("gbk.txt: not UTF-8") && notUtf8.err().contains("GB18030"), notUtf8.err());
    assertEquals("not_utf8", new ObjectMapper().readTree(notUtf8.out()).get("error").asText());

    Path cut = Files.writeString(dir.resolve("cut.txt"), report.substring(0, report.indexOf("（四）无法提供")));
    Run truncated = check(cut.toString());
    assertEquals(CheckCommand.NOT_A_REPORT, truncated.exit());
    assertTrue(truncated.err().startsWith("truncated"), truncated.err());

    Path huge = Files.writeString(dir.resolve("huge.txt"), report + "无。\n".repeat(500_000));
    Run tooLarge = check(huge.toString());
    assertEquals(CheckCommand.NOT_A_REPORT, tooLarge.exit());
    assertTrue(tooLarge.err().contains("above the cap of 2 MiB"), tooLarge.err());

    assertEquals(CheckCommand.NOT_A_REPORT, check(dir.resolve("missing.txt").toString()).exit());
  }

  private static Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
