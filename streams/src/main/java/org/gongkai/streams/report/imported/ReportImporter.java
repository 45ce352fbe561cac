package org.gongkai.streams.report.imported;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gongkai.streams.report.CellRef;
import org.gongkai.streams.report.Check;
import org.gongkai.streams.report.Identities;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.ProactiveTable;
import org.gongkai.streams.report.Template;
import org.gongkai.streams.report.imported.PublishedText.Block;
import org.gongkai.streams.report.imported.PublishedText.Paragraph;
import org.gongkai.streams.report.imported.PublishedText.Row;

/**
 * Reads a published 政府信息公开工作年度报告, as text ({@link PublishedText} says which layouts) or
 * HTML ({@link HtmlText}), into an {@link ImportedReport}: the body and year from the title line
 * (南港镇2020年度政府信息公开工作年度报告, or 2020年南港镇…), the template its labels are of, every
 * cell of tables 二, 三 and 四 it can read, and the figures its text states about them.
 *
 * <p>Tables are found by their headings, rows by their labels ({@link Labels#rowPath}, last
 * element), compared after {@link PublishedText#norm}: spaces inside labels (规    章), full-width
 * punctuation, quotation marks, a trailing note (规范性文件（本单位制发的）) and the published
 * variants 合计/总计, 结果维护/结果维持, 只记/只计, 信访投诉举报/信访举报投诉 do not matter (a variant is
 * a warning). Numbers may carry their unit (177件, 145.6381万元, 1,456,381.00元); money is 万元 with 4
 * decimals: 元 are converted, an amount without a unit is in the unit its column heading names,
 * else 万元 (a warning says the unit was guessed); more decimals are rounded half up (a warning).
 *
 * <p>A row is read by position only when it has one cell per column. A row printed as one digit
 * string ({@code 640020470} for seven cells) is cut every possible way ({@link Cuts}); the cuts
 * the identities allow (R3 within the row, then R1 and R2 with the other rows) are kept: one is
 * read (a warning says so), several make the row ambiguous (its cells stay unknown, the
 * candidates are listed). A table 三 row printed with fewer cells (the seed's result rows keep 5
 * of 7) is kept as published: which columns its cells belong to is not guessed — see
 * {@link ShortRows} for the one reading allowed. Table 四 is read as its 15 numbers in template
 * order (within a block in the order of the printed column headings).
 */
public final class ReportImporter {

  /** How a table 三 row printed with fewer cells than columns is read. */
  public enum ShortRows {
    /**
     * Its last cell is read as 总计, the table's rightmost column: a row's last cell ends at the
     * table's right edge, whatever cells were lost before it. The applicant cells are not read.
     * Such cells are marked {@link ImportedRow#positional} and every check that uses them says
     * so. This is the default.
     */
    LAST_CELL_AS_TOTAL,
    /** No cell is read; the row is kept only as published. */
    NONE
  }

  private static final Pattern TITLE_BODY_FIRST =
      Pattern.compile("^(.*?)(?:关于)?((?:19|20)\\d{2})年度?的?政府信息公开(?:工作)?(?:年度)?(?:报告|年报)");
  private static final Pattern TITLE_YEAR_FIRST =
      Pattern.compile("^((?:19|20)\\d{2})年度?(.+?)(?:的)?政府信息公开(?:工作)?(?:年度)?(?:报告|年报)");
  private static final Set<String> COUNT_UNITS = Set.of("", "件", "个", "项", "条");
  private static final String TOTAL = "total";
  private static final Pattern TOP_HEADING = Pattern.compile("^[一二三四五六七八九十]+、.*");
  private static final Pattern YUAN_HEADING = Pattern.compile("[(（]元[)）]|单位[:：]?元");
  private static final Pattern FEES = Pattern.compile("收费|信息处理费|收取[^，。；]{0,10}费");

  /** Labels only one template prints (no label of the other contains them), to tell which a report follows. */
  private static final Map<Template, List<String>> MARKERS = new EnumMap<>(Template.class);

  static {
    for (Template template : Template.values()) {
      Template other = template == Template.T2019 ? Template.T2021 : Template.T2019;
      Set<String> others = labels(other);
      MARKERS.put(template, labels(template).stream()
          .filter(label -> others.stream().noneMatch(o -> o.contains(label))).toList());
    }
  }

  /** Every label of tables 二 and 三 of a template, normalised. */
  private static Set<String> labels(Template template) {
    Set<String> labels = new LinkedHashSet<>();
    for (String table : List.of(Labels.PROACTIVE, Labels.REQUESTS)) {
      Labels.rowKeys(template, table).forEach(r -> Labels.rowPath(template, table, r)
          .forEach(l -> labels.add(PublishedText.norm(l))));
      Labels.columnKeys(template, table).forEach(c -> Labels.columnPath(template, table, c)
          .forEach(l -> labels.add(PublishedText.norm(l))));
    }
    return labels;
  }

  private final ShortRows shortRows;

  public ReportImporter() {
    this(ShortRows.LAST_CELL_AS_TOTAL);
  }

  public ReportImporter(ShortRows shortRows) {
    this.shortRows = shortRows;
  }

  public ImportedReport read(Path file) throws IOException {
    return read(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * @throws NotAReport if no title line names a report year, the year has no template (before
   *     2019), no statistical table is found, or the text stops before its tables end
   */
  public ImportedReport read(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Block> blocks = HtmlText.isHtml(body) ? HtmlText.blocks(body) : PublishedText.blocks(body);
    List<Problem> problems = new ArrayList<>();
    String[] title = title(blocks);
    String name = title[0].isEmpty() ? null : title[0];
    int year = Integer.parseInt(title[1]);
    if (name == null) {
      problems.add(Problem.warning("title", 0, List.of(), "the title line names no reporting body",
          "标题未写明报告机关"));
    }
    Template expected;
    try {
      expected = Template.forYear(year);
    } catch (IllegalArgumentException e) {
      throw new NotAReport(NotAReport.Reason.NOT_A_REPORT, "report year " + year + ": " + e.getMessage()
          + " (templates: 2019 for 2019–2020, 2021 from 2021)");
    }
    Template printed = printedTemplate(blocks);
    Template template = printed == null ? expected : printed;
    Regions regions = regions(blocks, template);
    variants(regions, problems);

    Map<String, Map<String, Object>> proactive = proactive(template, year, regions.rows(Labels.PROACTIVE), problems);
    Map<String, ImportedRow> requests = requests(template, regions.rows(Labels.REQUESTS), problems);
    Map<String, Map<String, Long>> appeals = appeals(template, regions.rows(Labels.APPEALS), problems);

    List<StatedFigures.Stated> stated = new ArrayList<>();
    boolean fees = false;
    for (int i = 0; i < blocks.size(); i++) {
      if (!regions.inside(i) && blocks.get(i) instanceof Paragraph p) {
        stated.addAll(StatedFigures.find(p.text(), p.line()));
        fees |= FEES.matcher(p.text()).find();
      }
    }
    ImportedReport report = new ImportedReport(name, year, template, proactive, requests, appeals, problems, printed,
        stated, fees);
    report = resolveCuts(report);
    truncated(report, regions, blocks);
    return report;
  }

  // ---- title and template ----

  /** [body, year] from the first line that reads like a report title. */
  private static String[] title(List<Block> blocks) {
    for (Block block : blocks) {
      String line = block instanceof Paragraph p ? p.text()
          : block instanceof Row r && r.cells().size() == 1 ? r.cells().get(0) : null;
      if (line == null) {
        continue;
      }
      String plain = PublishedText.norm(line.replaceAll("\\[[^\\]]*\\]", ""));
      Matcher m = TITLE_YEAR_FIRST.matcher(plain);
      if (m.find()) {
        return new String[] {m.group(2).replaceFirst("关于$", ""), m.group(1)};
      }
      m = TITLE_BODY_FIRST.matcher(plain);
      if (m.find()) {
        return new String[] {m.group(1), m.group(2)};
      }
    }
    throw new NotAReport(NotAReport.Reason.NOT_A_REPORT,
        "not a report: no title line like 南港镇2020年度政府信息公开工作年度报告, so the report year is unknown");
  }

  /** The template whose own labels the print has more of; null if it has none. */
  private static Template printedTemplate(List<Block> blocks) {
    StringBuilder all = new StringBuilder();
    for (Block block : blocks) {
      if (block instanceof Row r) {
        r.cells().forEach(c -> all.append(PublishedText.norm(c)).append('\n'));
      } else if (block instanceof Paragraph p && p.text().length() <= 60) {
        all.append(PublishedText.norm(p.text())).append('\n');
      }
    }
    int t2019 = (int) MARKERS.get(Template.T2019).stream().filter(m -> all.indexOf(m) >= 0).count();
    int t2021 = (int) MARKERS.get(Template.T2021).stream().filter(m -> all.indexOf(m) >= 0).count();
    if (t2019 == t2021) {
      return null;
    }
    return t2019 > t2021 ? Template.T2019 : Template.T2021;
  }

  // ---- tables ----

  /** Where each table is in the blocks: from its heading to the next table's, or to the next section. */
  private record Regions(Map<String, int[]> spans, List<Block> blocks) {
    List<Row> rows(String table) {
      int[] span = spans.get(table);
      List<Row> rows = new ArrayList<>();
      if (span != null) {
        for (int i = span[0] + 1; i < span[1]; i++) {
          if (blocks.get(i) instanceof Row r) {
            rows.add(r);
          } else if (blocks.get(i) instanceof Paragraph p) {
            rows.add(new Row(List.of(p.text()), p.line()));
          }
        }
      }
      return rows;
    }

    boolean inside(int block) {
      return spans.values().stream().anyMatch(s -> block >= s[0] && block < s[1]);
    }

    boolean found(String table) {
      return spans.containsKey(table);
    }
  }

  private static Regions regions(List<Block> blocks, Template template) {
    Map<String, Integer> headings = new LinkedHashMap<>();
    int from = 0;
    for (String table : Labels.TABLES) {
      for (int i = from; i < blocks.size(); i++) {
        String text = blocks.get(i) instanceof Paragraph p ? p.text()
            : blocks.get(i) instanceof Row r && r.cells().stream().filter(c -> !PublishedText.isBlank(c)).count() == 1
                ? r.cells().stream().filter(c -> !PublishedText.isBlank(c)).findFirst().orElseThrow() : null;
        if (text != null && isHeading(PublishedText.norm(text), table)) {
          headings.put(table, i);
          from = i + 1;
          break;
        }
      }
    }
    if (headings.isEmpty()) {
      throw new NotAReport(NotAReport.Reason.NOT_A_REPORT, "not a report: none of its tables' headings is found ("
          + Labels.TABLES.stream().map(t -> Labels.title(template, t)).collect(Collectors.joining(", ")) + ")");
    }
    Map<String, int[]> spans = new HashMap<>();
    List<Integer> starts = List.copyOf(headings.values());
    int k = 0;
    for (Map.Entry<String, Integer> heading : headings.entrySet()) {
      int start = heading.getValue();
      int end = k + 1 < starts.size() ? starts.get(k + 1) : sectionEnd(blocks, start, template, heading.getKey());
      spans.put(heading.getKey(), new int[] {start, end});
      k++;
    }
    return new Regions(spans, blocks);
  }

  /** Table headings, as printed with or without their enumerator, never a sentence. */
  private static boolean isHeading(String normalized, String table) {
    if (normalized.length() > 40) {
      return false;
    }
    return switch (table) {
      case Labels.PROACTIVE -> normalized.contains("主动公开政府信息情况");
      case Labels.REQUESTS -> normalized.contains("收到和处理政府信息公开申请");
      default -> normalized.contains("行政复议") && normalized.contains("行政诉讼") && normalized.contains("情况");
    };
  }

  /** The last table's end: the next section heading (五、…) that is no row label of it, or a sentence. */
  private static int sectionEnd(List<Block> blocks, int start, Template template, String table) {
    for (int i = start + 1; i < blocks.size(); i++) {
      if (blocks.get(i) instanceof Paragraph p) {
        String n = PublishedText.norm(p.text());
        boolean heading = TOP_HEADING.matcher(n).matches() && match(new Row(List.of(p.text()), p.line()), template,
            table, Labels.rowKeys(template, table)) == null && !n.contains("本年度办理结果");
        if (heading || n.contains("。") && n.length() > 40) {
          return i;
        }
      }
    }
    return blocks.size();
  }

  /** One warning per published variant of an official word found in the tables. */
  private static void variants(Regions regions, List<Problem> problems) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String table : Labels.TABLES) {
      for (Row row : regions.rows(table)) {
        for (String cell : row.cells()) {
          String raw = Normalizer.normalize(cell, Normalizer.Form.NFKC).replaceAll("\\s", "");
          PublishedText.VARIANTS.keySet().stream().filter(raw::contains).forEach(v -> seen.putIfAbsent(v, row.line()));
        }
      }
    }
    seen.forEach((variant, line) -> problems.add(Problem.warning("labels", line, List.of(),
        "the tables print " + variant + " for the notice's " + official(variant) + " (read as " + official(variant) + ")",
        "表格将“" + official(variant) + "”印作“" + variant + "”（按“" + official(variant) + "”读取）")));
  }

  private static String official(String variant) {
    return PublishedText.VARIANTS.get(variant);
  }

  /** A published row recognised as a template row: its key and the cells after its label. */
  private record Printed(String key, Row row, List<String> values) {}

  /**
   * Which row of {@code keys} a published row is, by its label cells; null if none. A label cell
   * is a cell that is neither blank nor a value; it matches a row by itself, or joined with the
   * label cells before it (三、本年度办理结果 （一）予以公开 in one cell). The row's values are the
   * cells after the matching label cell, whatever they hold.
   */
  private static Printed match(Row row, Template template, String table, List<String> keys) {
    Map<String, String> leaves = new LinkedHashMap<>();
    for (String key : keys) {
      List<String> path = Labels.rowPath(template, table, key);
      leaves.put(key, PublishedText.norm(path.get(path.size() - 1)));
    }
    String best = null;
    int bestLength = 0;
    int bestCell = -1;
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < row.cells().size(); i++) {
      String cell = row.cells().get(i);
      if (PublishedText.isBlank(cell) || PublishedText.isValue(cell)) {
        continue;
      }
      String label = PublishedText.norm(cell);
      joined.append(label);
      for (Map.Entry<String, String> leaf : leaves.entrySet()) {
        String wanted = leaf.getValue();
        boolean matches = label.equals(wanted)
            || PublishedText.withoutTrailingNote(label).equals(PublishedText.withoutTrailingNote(wanted))
            || PublishedText.withoutEnumerator(label).equals(PublishedText.withoutEnumerator(wanted))
                && PublishedText.withoutEnumerator(wanted).length() >= 4
            || wanted.length() >= 4 && joined.toString().endsWith(wanted);
        if (matches && wanted.length() > bestLength) {
          best = leaf.getKey();
          bestLength = wanted.length();
          bestCell = i;
        }
      }
    }
    return best == null ? null
        : new Printed(best, row, row.cells().subList(bestCell + 1, row.cells().size()));
  }

  /** The published rows of a table by row key (the first print of a row wins). */
  private static Map<String, Printed> rowsByKey(List<Row> rows, Template template, String table, List<String> keys,
      List<Problem> problems) {
    Map<String, Printed> found = new LinkedHashMap<>();
    for (Row row : rows) {
      Printed printed = match(row, template, table, keys);
      if (printed == null) {
        continue;
      }
      if (found.containsKey(printed.key())) {
        problems.add(Problem.warning(table + "." + printed.key(), row.line(), List.of(),
            "printed again (first at line " + found.get(printed.key()).row().line() + "); the first is kept",
            "重复印出（首次在第 " + found.get(printed.key()).row().line() + " 行），按首次读取"));
      } else {
        found.put(printed.key(), printed);
      }
    }
    return found;
  }

  /**
   * The row's value cells, without the blank cells of merged label columns before them and blank
   * cells printed after the last column, as long as more cells than columns remain.
   */
  private static List<String> values(Printed printed, int columns) {
    List<String> values = new ArrayList<>(printed.values());
    while (values.size() > columns && PublishedText.isBlank(values.get(0))) {
      values.remove(0);
    }
    while (values.size() > columns && PublishedText.isBlank(values.get(values.size() - 1))) {
      values.remove(values.size() - 1);
    }
    return values;
  }

  // ---- table 二 ----

  private static Map<String, Map<String, Object>> proactive(Template template, int year, List<Row> rows,
      List<Problem> problems) {
    Map<String, Map<String, Object>> layout = new ProactiveTable(new TreeMap<>(), year).rows(template);
    Map<String, Printed> printed = rowsByKey(rows, template, Labels.PROACTIVE, List.copyOf(layout.keySet()), problems);
    String headings = rows.stream().flatMap(r -> r.cells().stream()).map(PublishedText::norm)
        .filter(c -> !PublishedText.isValue(c)).collect(Collectors.joining("\n"));
    Map<String, Map<String, Object>> table = new LinkedHashMap<>();
    layout.forEach((key, zeros) -> {
      List<String> columns = List.copyOf(zeros.keySet());
      Map<String, Object> cells = new LinkedHashMap<>();
      columns.forEach(c -> cells.put(c, null));
      table.put(key, cells);
      String where = Labels.PROACTIVE + "." + key;
      List<CellRef> refs = columns.stream().map(c -> CellRef.proactive(key, c)).toList();
      Printed found = printed.get(key);
      if (found == null) {
        problems.add(notFound(template, Labels.PROACTIVE, key, refs));
        return;
      }
      Row row = found.row();
      List<String> values = values(found, columns.size());
      if (values.size() == 1 && columns.size() > 1 && Cuts.digitsOnly(values)) {
        List<List<Long>> cuts = Cuts.of(values, columns.size(), c -> true);
        if (cuts != null && cuts.size() == 1) {
          for (int i = 0; i < columns.size(); i++) {
            cells.put(columns.get(i), Labels.isMoney(template, Labels.PROACTIVE, columns.get(i))
                ? null : cuts.get(0).get(i));
          }
          problems.add(Problem.warning(where, row.line(), refs, "cells printed run together as '" + values.get(0)
              + "'; read as " + cuts.get(0) + ", the only cut", "单元格数字连写为“" + values.get(0) + "”，唯一可能的拆分为 "
              + cuts.get(0)));
          return;
        }
        problems.add(new Problem(Problem.Kind.AMBIGUOUS, where, row.line(), refs, values.get(0),
            "cells printed run together as '" + values.get(0) + "': " + (cuts == null ? "too many" : cuts.size())
                + " ways to cut it, none to prefer; not read",
            "单元格数字连写为“" + values.get(0) + "”，有 " + (cuts == null ? "过多" : cuts.size()) + " 种拆分方式，无法确定，未读取",
            cuts == null ? List.of() : candidates(columns, cuts)));
        return;
      }
      if (values.size() != columns.size()) {
        problems.add(Problem.unread(where, row.line(), refs, String.join(" ", values),
            values.size() + " of " + columns.size() + " cells printed: " + shown(values) + "; none is read",
            "应有 " + columns.size() + " 格，印出 " + values.size() + " 格：" + shown(values) + "，均未读取"));
        return;
      }
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        String cell = values.get(i);
        CellRef ref = CellRef.proactive(key, column);
        Object value;
        if (Labels.isMoney(template, Labels.PROACTIVE, column)) {
          value = money(cell, ref, row.line(), headings, problems);
        } else {
          Long n = count(cell);
          value = n != null && n < 0 && !column.equals("items_change") ? null : n;
          if (value == null) {
            problems.add(unreadable(ref, row.line(), cell, n != null ? "a count is never negative" : null));
          }
        }
        cells.put(column, value);
      }
    });
    return table;
  }

  /** A count: an integer, with 件/个/项/条 or no unit; null otherwise. */
  static Long count(String cell) {
    PublishedText.Number n = PublishedText.number(cell);
    if (n == null || !COUNT_UNITS.contains(n.unit())) {
      return null;
    }
    try {
      return n.value().longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Money as the 4-decimal 万元 string; 元 converted; the unit of the heading, else guessed 万元. */
  private static String money(String cell, CellRef ref, int line, String headings, List<Problem> problems) {
    PublishedText.Number n = PublishedText.number(cell);
    if (n == null || !(n.unit().isEmpty() || n.unit().equals("万元") || n.unit().equals("元")) || n.value().signum() < 0) {
      problems.add(unreadable(ref, line, cell, n != null && n.value().signum() < 0 ? "an amount is never negative" : null));
      return null;
    }
    String unit = n.unit();
    if (unit.isEmpty()) {
      if (headings.contains("万元")) {
        unit = "万元";
      } else if (YUAN_HEADING.matcher(headings).find()) {
        unit = "元";
      } else {
        unit = "万元";
        if (n.value().signum() != 0) {
          problems.add(Problem.warning(ref.path(), line, List.of(ref), "'" + cell
              + "' has no unit, nor has its column heading: read as 万元 (the template's unit), a guess",
              "“" + cell + "”及其列标题均未注明单位，按模板单位万元读取（推定）"));
        }
      }
    }
    BigDecimal wan = unit.equals("元") ? n.value().movePointLeft(4) : n.value();
    BigDecimal rounded = wan.setScale(4, RoundingMode.HALF_UP);
    if (rounded.compareTo(wan) != 0) {
      problems.add(Problem.warning(ref.path(), line, List.of(ref), "'" + cell + "' rounded to "
          + rounded.toPlainString() + " 万元 (4 decimals)", "“" + cell + "”四舍五入为 " + rounded.toPlainString() + " 万元"));
    }
    return rounded.toPlainString();
  }

  private static Problem unreadable(CellRef ref, int line, String cell, String why) {
    if (PublishedText.isBlank(cell)) {
      return Problem.unread(ref.path(), line, List.of(ref), "", "printed blank", "单元格空白");
    }
    String en = why != null ? "'" + cell + "': " + why
        : PublishedText.isMarker(cell) ? "printed '" + cell + "', not a number (print 0 if it means none)"
        : "'" + cell + "' is not a number";
    String zh = why != null ? "“" + cell + "”：" + (why.contains("amount") ? "金额不能为负" : "件数不能为负")
        : PublishedText.isMarker(cell) ? "印作“" + cell + "”，不是数字（如表示没有，应填 0）" : "“" + cell + "”不是数字";
    return Problem.unread(ref.path(), line, List.of(ref), cell, en, zh);
  }

  private static Problem notFound(Template template, String table, String key, List<CellRef> refs) {
    String label = Labels.row(template, table, key);
    return Problem.unread(table + "." + key, 0, refs, null, "row " + label + " not found", "未找到行“" + label + "”");
  }

  private static String shown(List<String> cells) {
    return cells.stream().map(c -> PublishedText.isBlank(c) ? "(empty)" : c)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<Map<String, Long>> candidates(List<String> columns, List<List<Long>> cuts) {
    List<Map<String, Long>> out = new ArrayList<>();
    for (List<Long> cut : cuts.subList(0, Math.min(cuts.size(), 50))) {
      Map<String, Long> candidate = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        candidate.put(columns.get(i), cut.get(i));
      }
      out.add(candidate);
    }
    return out;
  }

  // ---- table 三 ----

  private Map<String, ImportedRow> requests(Template template, List<Row> rows, List<Problem> problems) {
    List<String> keys = Labels.rowKeys(template, Labels.REQUESTS);
    List<String> columns = Labels.columnKeys(template, Labels.REQUESTS);
    Map<String, Printed> printed = rowsByKey(rows, template, Labels.REQUESTS, keys, problems);
    Map<String, ImportedRow> table = new LinkedHashMap<>();
    for (String key : keys) {
      String where = Labels.REQUESTS + "." + key;
      Map<String, Long> cells = new LinkedHashMap<>();
      columns.forEach(c -> cells.put(c, null));
      Set<String> positional = new LinkedHashSet<>();
      Printed found = printed.get(key);
      if (found == null) {
        problems.add(notFound(template, Labels.REQUESTS, key, columns.stream().map(c -> CellRef.request(key, c)).toList()));
        table.put(key, new ImportedRow(key, 0, List.of(), cells, positional));
        continue;
      }
      Row row = found.row();
      List<String> values = values(found, columns.size());
      int n = values.size();
      if (n == columns.size()) {
        for (int i = 0; i < n; i++) {
          Long value = count(values.get(i));
          CellRef ref = CellRef.request(key, columns.get(i));
          if (value != null && value < 0) {
            problems.add(unreadable(ref, row.line(), values.get(i), "a count is never negative"));
            value = null;
          } else if (value == null) {
            problems.add(unreadable(ref, row.line(), values.get(i), null));
          }
          cells.put(columns.get(i), value);
        }
      } else if (n == 0) {
        problems.add(Problem.unread(where, row.line(), columns.stream().map(c -> CellRef.request(key, c)).toList(), "",
            "no cells printed", "该行未印出任何单元格"));
      } else if (n > columns.size()) {
        problems.add(Problem.unread(where, row.line(), columns.stream().map(c -> CellRef.request(key, c)).toList(),
            String.join(" ", values), n + " cells printed for " + columns.size() + " columns: " + shown(values)
                + "; none is read", "应有 " + columns.size() + " 格，印出 " + n + " 格：" + shown(values) + "，均未读取"));
      } else if (n == 1 && Cuts.digitsOnly(values) && values.get(0).length() >= columns.size()) {
        // run together: resolved once every row is read (the cuts R1 and R2 allow need the others)
      } else {
        shortRow(template, key, row, values, columns, cells, positional, problems);
      }
      table.put(key, new ImportedRow(key, row.line(), values, cells, positional));
    }
    return table;
  }

  private void shortRow(Template template, String key, Row row, List<String> values, List<String> columns,
      Map<String, Long> cells, Set<String> positional, List<Problem> problems) {
    int n = values.size();
    String total = Labels.column(template, Labels.REQUESTS, TOTAL);
    String message = n + " of " + columns.size() + " cells printed: " + shown(values)
        + "; which columns they are in cannot be told, so the applicant columns are not read";
    String zh = "应有 " + columns.size() + " 格，仅印出 " + n + " 格：" + shown(values) + "；无法确定各格所属的列，申请人各列未读取";
    Long last = count(values.get(n - 1));
    if (shortRows == ShortRows.NONE) {
      message += "; nor is " + total + " (total)";
      zh += "，总计亦未读取";
    } else if (last == null) {
      message += "; its last cell is not a number, so " + total + " (total) is not read either";
      zh += "；最后一格不是数字，总计亦未读取";
    } else {
      cells.put(TOTAL, last);
      positional.add(TOTAL);
      message += "; the last cell is read as " + total + " (total), by its place at the row's right edge";
      zh += "；最后一格按其位于行末读作总计";
    }
    List<CellRef> lost = columns.stream().filter(c -> cells.get(c) == null).map(c -> CellRef.request(key, c)).toList();
    problems.add(Problem.unread(Labels.REQUESTS + "." + key, row.line(), lost, String.join(" ", values), message, zh));
  }

  /** Rows of table 三 printed as one digit string: the cuts R3, then R1 and R2, allow. */
  private static ImportedReport resolveCuts(ImportedReport report) {
    Template template = report.template();
    List<String> columns = Labels.columnKeys(template, Labels.REQUESTS);
    List<String> runTogether = report.requests().values().stream()
        .filter(r -> r.found() && r.published().size() == 1 && Cuts.digitsOnly(r.published())
            && r.published().get(0).length() >= columns.size() && r.readColumns().isEmpty())
        .map(ImportedRow::key).toList();
    if (runTogether.isEmpty()) {
      return report;
    }
    Map<String, ImportedRow> rows = new LinkedHashMap<>(report.requests());
    List<Problem> problems = new ArrayList<>(report.problems());
    for (String key : runTogether) {
      ImportedRow row = report.row(key);
      String digits = row.published().get(0);
      List<CellRef> refs = columns.stream().map(c -> CellRef.request(key, c)).toList();
      List<List<Long>> byR3 = Cuts.of(row.published(), columns.size(),
          cut -> cut.subList(0, cut.size() - 1).stream().mapToLong(Long::longValue).sum() == cut.get(cut.size() - 1));
      String where = Labels.REQUESTS + "." + key;
      if (byR3 == null) {
        problems.add(Problem.unread(where, row.line(), refs, digits, "cells printed run together as '" + digits
            + "': too many ways to cut it; not read", "单元格数字连写为“" + digits + "”，拆分方式过多，未读取"));
        continue;
      }
      if (byR3.isEmpty()) {
        problems.add(Problem.unread(where, row.line(), refs, digits, "cells printed run together as '" + digits
            + "': no cut into " + columns.size() + " cells makes 总计 the sum of the applicant columns (R3); not read",
            "单元格数字连写为“" + digits + "”，没有一种拆分能使总计等于各申请人列之和（R3），未读取"));
        continue;
      }
      List<List<Long>> allowed = new ArrayList<>();
      for (List<Long> cut : byR3) {
        ImportedReport trial = withRow(report, rows, key, cut, columns);
        boolean breaks = Identities.check(trial, null).stream().anyMatch(c -> c.status() == Check.Status.VIOLATED
            && c.cells().stream().anyMatch(ref -> ref.table().equals(Labels.REQUESTS) && ref.row().equals(key)));
        if (!breaks) {
          allowed.add(cut);
        }
      }
      List<List<Long>> kept = allowed.isEmpty() ? byR3 : allowed;
      if (kept.size() == 1) {
        rows.put(key, new ImportedRow(key, row.line(), row.published(), cellsOf(columns, kept.get(0)), Set.of()));
        problems.add(Problem.warning(where, row.line(), refs, "cells printed run together as '" + digits + "'; read as "
            + kept.get(0) + ", the only cut the identities allow" + (allowed.isEmpty() ? " within the row (R3)" : ""),
            "单元格数字连写为“" + digits + "”，按勾稽关系唯一可行的拆分读作 " + kept.get(0)));
      } else {
        problems.add(new Problem(Problem.Kind.AMBIGUOUS, where, row.line(), refs, digits,
            "cells printed run together as '" + digits + "': " + kept.size() + " cuts keep the identities; not read",
            "单元格数字连写为“" + digits + "”，有 " + kept.size() + " 种拆分都符合勾稽关系，无法确定，未读取",
            candidates(columns, kept)));
      }
    }
    return new ImportedReport(report.name(), report.year(), template, report.proactive(), rows, report.appeals(),
        problems, report.printed(), report.stated(), report.mentionsFees());
  }

  private static ImportedReport withRow(ImportedReport report, Map<String, ImportedRow> rows, String key,
      List<Long> cut, List<String> columns) {
    Map<String, ImportedRow> trial = new LinkedHashMap<>(rows);
    ImportedRow row = rows.get(key);
    trial.put(key, new ImportedRow(key, row.line(), row.published(), cellsOf(columns, cut), Set.of()));
    return new ImportedReport(report.name(), report.year(), report.template(), report.proactive(), trial,
        report.appeals(), List.of(), report.printed(), List.of(), false);
  }

  private static Map<String, Long> cellsOf(List<String> columns, List<Long> values) {
    Map<String, Long> cells = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      cells.put(columns.get(i), values.get(i));
    }
    return cells;
  }

  // ---- table 四 ----

  private static Map<String, Map<String, Long>> appeals(Template template, List<Row> rows, List<Problem> problems) {
    List<String> blocks = Labels.rowKeys(template, Labels.APPEALS);
    List<String> columns = Labels.columnKeys(template, Labels.APPEALS);
    Map<String, Map<String, Long>> table = new LinkedHashMap<>();
    List<CellRef> all = new ArrayList<>();
    for (String block : blocks) {
      Map<String, Long> cells = new LinkedHashMap<>();
      columns.forEach(c -> {
        cells.put(c, null);
        all.add(CellRef.appeal(block, c));
      });
      table.put(block, cells);
    }
    if (rows.isEmpty()) {
      problems.add(Problem.unread(Labels.APPEALS, 0, all, null, "table 四 has no rows", "表四无数据行"));
      return table;
    }
    Map<String, String> columnByLabel = new HashMap<>();
    columns.forEach(c -> columnByLabel.put(PublishedText.norm(Labels.column(template, Labels.APPEALS, c)), c));
    List<String> found = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    int line = rows.get(0).line();
    for (Row row : rows) {
      for (String cell : row.cells()) {
        // a heading line of PDF text holds several headings, separated by spaces
        for (String heading : cell.strip().split("[\\s\\p{Z}]+")) {
          String column = columnByLabel.get(PublishedText.norm(heading));
          if (column != null && !found.contains(column)) {
            found.add(column);
          }
        }
        if (PublishedText.isValue(cell)) {
          if (numbers.isEmpty()) {
            line = row.line();
          }
          numbers.add(cell);
        }
      }
    }
    if (found.size() != columns.size()) {
      problems.add(Problem.warning(Labels.APPEALS, rows.get(0).line(), List.of(), "column headings not all found (found "
          + found + "); numbers read in template order " + columns, "列标题未全部找到，数字按模板顺序读取"));
    }
    List<String> order = found.size() == columns.size() ? found : columns;
    int wanted = blocks.size() * columns.size();
    if (numbers.size() < wanted && Cuts.digitsOnly(numbers)) {
      int totalAt = order.indexOf(TOTAL);
      List<List<Long>> cuts = Cuts.of(numbers, wanted, cut -> {
        for (int b = 0; b < blocks.size(); b++) {
          long sum = 0;
          for (int c = 0; c < columns.size(); c++) {
            sum += c == totalAt ? 0 : cut.get(b * columns.size() + c);
          }
          if (sum != cut.get(b * columns.size() + totalAt)) {
            return false;
          }
        }
        return true;
      });
      if (cuts != null && cuts.size() == 1) {
        int i = 0;
        for (String block : blocks) {
          for (String column : order) {
            table.get(block).put(column, cuts.get(0).get(i++));
          }
        }
        problems.add(Problem.warning(Labels.APPEALS, line, all, numbers.size() + " numbers printed for " + wanted
            + " cells, some run together: " + shown(numbers) + "; read by the only cut R4 allows",
            "表四印出 " + numbers.size() + " 个数字（应为 " + wanted + " 个），有连写，按 R4 唯一可行的拆分读取"));
        return table;
      }
      if (cuts != null && cuts.size() > 1) {
        List<String> flat = new ArrayList<>();
        blocks.forEach(b -> order.forEach(c -> flat.add(b + "." + c)));
        problems.add(new Problem(Problem.Kind.AMBIGUOUS, Labels.APPEALS, line, all, String.join(" ", numbers),
            numbers.size() + " numbers printed for " + wanted + " cells, some run together: " + cuts.size()
                + " cuts keep R4; not read", "表四数字连写，有 " + cuts.size() + " 种拆分都符合 R4，无法确定，未读取",
            candidates(flat, cuts)));
        return table;
      }
    }
    if (numbers.size() != wanted) {
      problems.add(Problem.unread(Labels.APPEALS, line, all, String.join(" ", numbers), numbers.size()
          + " numbers printed for " + wanted + " cells: " + shown(numbers) + "; none is read",
          "表四应有 " + wanted + " 个数字，印出 " + numbers.size() + " 个：" + shown(numbers) + "，均未读取"));
      return table;
    }
    int i = 0;
    for (String block : blocks) {
      for (String column : order) {
        String cell = numbers.get(i++);
        Long value = count(cell);
        CellRef ref = CellRef.appeal(block, column);
        if (value != null && value < 0) {
          problems.add(unreadable(ref, line, cell, "a count is never negative"));
          value = null;
        } else if (value == null) {
          problems.add(unreadable(ref, line, cell, null));
        }
        table.get(block).put(column, value);
      }
    }
    return table;
  }

  // ---- truncation ----

  /**
   * A text that stops inside its tables: no heading after the last table found, or the last
   * table runs to the end of the text with cells still to print.
   */
  private static void truncated(ImportedReport report, Regions regions, List<Block> blocks) {
    int lastLine = blocks.isEmpty() ? 0 : line(blocks.get(blocks.size() - 1));
    String last = null;
    for (String table : Labels.TABLES) {
      if (regions.found(table)) {
        last = table;
      }
    }
    List<String> after = Labels.TABLES.subList(Labels.TABLES.indexOf(last) + 1, Labels.TABLES.size());
    if (!after.isEmpty()) {
      throw new NotAReport(NotAReport.Reason.TRUNCATED, "truncated: the text ends (line " + lastLine + ") before "
          + after.stream().map(t -> Labels.title(report.template(), t)).collect(Collectors.joining(", ")));
    }
    boolean runsToEnd = regions.spans().get(last)[1] == blocks.size();
    // fewer numbers than cells, not a cell printed as — (that is R8 of a whole table)
    boolean lost = report.problems().stream()
        .anyMatch(p -> p.kind() == Problem.Kind.UNREAD && p.where().equals(Labels.APPEALS));
    if (runsToEnd && lost) {
      throw new NotAReport(NotAReport.Reason.TRUNCATED, "truncated: the text ends (line " + lastLine + ") inside "
          + Labels.title(report.template(), last) + ", before its cells are all printed");
    }
  }

  private static int line(Block block) {
    return block instanceof Paragraph p ? p.line() : ((Row) block).line();
  }
}
