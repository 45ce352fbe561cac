package org.gongkai.streams.report.imported;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.ProactiveTable;
import org.gongkai.streams.report.Template;
import org.gongkai.streams.report.imported.PublishedText.Block;
import org.gongkai.streams.report.imported.PublishedText.Paragraph;
import org.gongkai.streams.report.imported.PublishedText.Row;

/**
 * Reads a published 政府信息公开工作年度报告 from its text (as {@code seeds/000_713aac75e110bc97.txt})
 * into an {@link ImportedReport}: the name and year from the title line (南港镇2020年度政府信息公开工作
 * 年度报告), the template of that year, and every cell of tables 二, 三 and 四 it can read.
 *
 * <p>Tables are found by their headings ({@link Labels#title}) and rows by their labels
 * ({@link Labels#rowPath}, last element), compared after {@link PublishedText#norm}: spaces inside
 * labels (规    章), full-width punctuation, quotation marks, a trailing note (规范性文件（本单位
 * 制发的）) and the published variants 合计/总计, 结果维护/结果维持, 只记/只计, 信访投诉举报/信访举报投诉 do
 * not matter. Numbers may carry their unit (177件, 145.6381万元); money is given as 万元 with 4
 * decimals, an amount printed in 元 is converted.
 *
 * <p>A row is read positionally only when it has exactly one cell per column. A table 三 row
 * printed with fewer cells (the seed's result rows keep 5 of 7) is recorded as published, with a
 * {@link Problem}; which columns its cells belong to is not guessed — see {@link ShortRows} for
 * the one reading allowed, and {@link ImportedRow#placementsMatching} to test a candidate row
 * against the print. Table 四 is read as its 15 numbers in template order (行政复议 5, 未经复议直接起诉
 * 5, 复议后起诉 5; within a block in the order of the printed column headings); with any other
 * count nothing of it is read.
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

  private static final Pattern TITLE = Pattern.compile("^(.*?)(\\d{4})年度?政府信息公开(?:工作)?年度?报告");
  private static final Set<String> COUNT_UNITS = Set.of("", "件", "个", "项", "条");
  private static final String TOTAL = "total";

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
   * @throws IllegalArgumentException if no title line names a report year, or the year has no
   *     template (before 2019)
   */
  public ImportedReport read(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Problem> problems = new ArrayList<>();
    Matcher title = title(body);
    String name = title.group(1).isEmpty() ? null : title.group(1);
    int year = Integer.parseInt(title.group(2));
    if (name == null) {
      problems.add(new Problem("title", 0, "the title line names no reporting body"));
    }
    Template template;
    try {
      template = Template.forYear(year);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("report year " + year + ": " + e.getMessage(), e);
    }
    List<Block> blocks = PublishedText.blocks(body);
    Map<String, List<Row>> regions = regions(blocks, template, problems);
    return new ImportedReport(name, year, template,
        proactive(template, year, regions.get(Labels.PROACTIVE), problems),
        requests(template, regions.get(Labels.REQUESTS), problems),
        appeals(template, regions.get(Labels.APPEALS), problems),
        problems);
  }

  private static Matcher title(String text) {
    for (String line : text.split("\\R")) {
      String plain = PublishedText.norm(line.replaceAll("\\[[^\\]]*\\]", ""));
      Matcher m = TITLE.matcher(plain);
      if (m.find()) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "no title line like 南港镇2020年度政府信息公开工作年度报告: the report year is unknown");
  }

  // ---- tables ----

  /** Each table's rows: from its heading to the first paragraph after its rows. */
  private static Map<String, List<Row>> regions(List<Block> blocks, Template template, List<Problem> problems) {
    Map<String, Integer> headings = new HashMap<>();
    for (String table : Labels.TABLES) {
      String wanted = PublishedText.norm(Labels.title(template, table));
      for (int i = 0; i < blocks.size(); i++) {
        String text = null;
        if (blocks.get(i) instanceof Paragraph p) {
          text = p.text();
        } else if (blocks.get(i) instanceof Row r && r.cells().size() == 1) {
          text = r.cells().get(0);
        }
        if (text != null && sameHeading(PublishedText.norm(text), wanted)) {
          headings.put(table, i);
          break;
        }
      }
    }
    Map<String, List<Row>> regions = new HashMap<>();
    for (String table : Labels.TABLES) {
      List<Row> rows = new ArrayList<>();
      Integer start = headings.get(table);
      if (start == null) {
        problems.add(new Problem(table, 0, "heading " + Labels.title(template, table) + " not found; table not read"));
      } else {
        for (int i = start + 1; i < blocks.size() && !headings.containsValue(i); i++) {
          if (blocks.get(i) instanceof Row row) {
            rows.add(row);
          } else if (!rows.isEmpty()) {
            break;
          }
        }
      }
      regions.put(table, rows);
    }
    return regions;
  }

  private static boolean sameHeading(String published, String wanted) {
    return published.equals(wanted)
        || PublishedText.withoutEnumerator(published).equals(PublishedText.withoutEnumerator(wanted));
  }

  /** A published row recognised as a template row: its key and the cells after its label. */
  private record Printed(String key, Row row, List<String> values) {}

  /**
   * Which row of {@code keys} a published row is, by its label cells; null if none. A label cell
   * is a cell that is neither blank nor a number; it matches a row by itself, or joined with the
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
      if (PublishedText.isBlank(cell) || PublishedText.number(cell) != null) {
        continue;
      }
      String label = PublishedText.norm(cell);
      joined.append(label);
      for (Map.Entry<String, String> leaf : leaves.entrySet()) {
        String wanted = leaf.getValue();
        boolean matches = label.equals(wanted)
            || PublishedText.withoutTrailingNote(label).equals(PublishedText.withoutTrailingNote(wanted))
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
        problems.add(new Problem(table + "/" + printed.key(), row.line(),
            "printed again (first at line " + found.get(printed.key()).row().line() + "); the first is kept"));
      } else {
        found.put(printed.key(), printed);
      }
    }
    return found;
  }

  /** The row's value cells, without blank cells printed after the last column. */
  private static List<String> values(Printed printed, int columns) {
    List<String> values = new ArrayList<>(printed.values());
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
    Map<String, Map<String, Object>> table = new LinkedHashMap<>();
    layout.forEach((key, zeros) -> {
      List<String> columns = List.copyOf(zeros.keySet());
      Map<String, Object> cells = new LinkedHashMap<>();
      columns.forEach(c -> cells.put(c, null));
      table.put(key, cells);
      String where = Labels.PROACTIVE + "/" + key;
      Printed found = printed.get(key);
      if (found == null) {
        if (!rows.isEmpty()) {
          problems.add(new Problem(where, 0, Labels.row(template, Labels.PROACTIVE, key) + " not found"));
        }
        return;
      }
      Row row = found.row();
      List<String> values = values(found, columns.size());
      if (values.size() != columns.size()) {
        problems.add(new Problem(where, row.line(), values.size() + " of " + columns.size() + " cells printed: "
            + shown(values) + "; none is read"));
        return;
      }
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        String cell = values.get(i);
        Object value;
        if (Labels.isMoney(template, Labels.PROACTIVE, column)) {
          value = money(cell, where + "/" + column, row.line(), problems);
        } else {
          value = count(cell);
          if (value == null) {
            problems.add(unreadable(where + "/" + column, row.line(), cell, "count"));
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

  /** Money as the 4-decimal 万元 string; 元 converted; more decimals rounded (with a problem). */
  private static String money(String cell, String where, int line, List<Problem> problems) {
    PublishedText.Number n = PublishedText.number(cell);
    if (n == null || !(n.unit().isEmpty() || n.unit().equals("万元") || n.unit().equals("元"))) {
      problems.add(unreadable(where, line, cell, "amount"));
      return null;
    }
    BigDecimal wan = n.unit().equals("元") ? n.value().movePointLeft(4) : n.value();
    BigDecimal rounded = wan.setScale(4, RoundingMode.HALF_UP);
    if (rounded.compareTo(wan) != 0) {
      problems.add(new Problem(where, line, "'" + cell + "' rounded to " + rounded.toPlainString() + " 万元"));
    }
    return rounded.toPlainString();
  }

  private static Problem unreadable(String where, int line, String cell, String what) {
    return new Problem(where, line, PublishedText.isBlank(cell) ? "printed empty" : "'" + cell + "' is not a " + what);
  }

  private static String shown(List<String> cells) {
    return cells.stream().map(c -> PublishedText.isBlank(c) ? "(empty)" : c)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  // ---- table 三 ----

  private Map<String, ImportedRow> requests(Template template, List<Row> rows, List<Problem> problems) {
    List<String> keys = Labels.rowKeys(template, Labels.REQUESTS);
    List<String> columns = Labels.columnKeys(template, Labels.REQUESTS);
    Map<String, Printed> printed = rowsByKey(rows, template, Labels.REQUESTS, keys, problems);
    Map<String, ImportedRow> table = new LinkedHashMap<>();
    for (String key : keys) {
      String where = Labels.REQUESTS + "/" + key;
      Map<String, Long> cells = new LinkedHashMap<>();
      columns.forEach(c -> cells.put(c, null));
      Set<String> positional = new LinkedHashSet<>();
      Printed found = printed.get(key);
      if (found == null) {
        if (!rows.isEmpty()) {
          problems.add(new Problem(where, 0, Labels.row(template, Labels.REQUESTS, key) + " not found"));
        }
        table.put(key, new ImportedRow(key, 0, List.of(), cells, positional));
        continue;
      }
      Row row = found.row();
      List<String> values = values(found, columns.size());
      int n = values.size();
      if (n == columns.size()) {
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Long value = count(values.get(i));
          cells.put(columns.get(i), value);
          if (value == null) {
            unread.add(columns.get(i) + " " + (PublishedText.isBlank(values.get(i)) ? "(empty)" : "'" + values.get(i) + "'"));
          }
        }
        if (!unread.isEmpty()) {
          problems.add(new Problem(where, row.line(), "cells not read: " + String.join(", ", unread)));
        }
      } else if (n == 0) {
        problems.add(new Problem(where, row.line(), "no cells printed"));
      } else if (n > columns.size()) {
        problems.add(new Problem(where, row.line(), n + " cells printed for " + columns.size() + " columns: "
            + shown(values) + "; none is read"));
      } else {
        String message = n + " of " + columns.size() + " cells printed: " + shown(values)
            + "; which columns they are in cannot be told, so the applicant columns are not read";
        String total = Labels.column(template, Labels.REQUESTS, TOTAL) + " (total)";
        Long last = count(values.get(n - 1));
        if (shortRows == ShortRows.NONE) {
          message += "; nor is " + total;
        } else if (last == null) {
          message += "; its last cell is not a number, so " + total + " is not read either";
        } else {
          cells.put(TOTAL, last);
          positional.add(TOTAL);
          message += "; the last cell is read as " + total + ", by its place at the row's right edge";
        }
        problems.add(new Problem(where, row.line(), message));
      }
      table.put(key, new ImportedRow(key, row.line(), values, cells, positional));
    }
    return table;
  }

  // ---- table 四 ----

  private static Map<String, Map<String, Long>> appeals(Template template, List<Row> rows, List<Problem> problems) {
    List<String> blocks = Labels.rowKeys(template, Labels.APPEALS);
    List<String> columns = Labels.columnKeys(template, Labels.APPEALS);
    Map<String, Map<String, Long>> table = new LinkedHashMap<>();
    for (String block : blocks) {
      Map<String, Long> cells = new LinkedHashMap<>();
      columns.forEach(c -> cells.put(c, null));
      table.put(block, cells);
    }
    if (rows.isEmpty()) {
      return table;
    }
    Map<String, String> columnByLabel = new HashMap<>();
    columns.forEach(c -> columnByLabel.put(PublishedText.norm(Labels.column(template, Labels.APPEALS, c)), c));
    List<String> order = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    int line = rows.get(0).line();
    for (Row row : rows) {
      for (String cell : row.cells()) {
        String column = columnByLabel.get(PublishedText.norm(cell));
        if (column != null && !order.contains(column)) {
          order.add(column);
        }
        if (PublishedText.number(cell) != null) {
          if (numbers.isEmpty()) {
            line = row.line();
          }
          numbers.add(cell);
        }
      }
    }
    if (order.size() != columns.size()) {
      problems.add(new Problem(Labels.APPEALS, rows.get(0).line(), "column headings not all found (found "
          + order + "); numbers read in template order " + columns));
      order = columns;
    }
    if (numbers.size() != blocks.size() * columns.size()) {
      problems.add(new Problem(Labels.APPEALS, line, numbers.size() + " numbers printed for "
          + blocks.size() * columns.size() + " cells: " + shown(numbers) + "; none is read"));
      return table;
    }
    int i = 0;
    for (String block : blocks) {
      for (String column : order) {
        String cell = numbers.get(i++);
        Long value = count(cell);
        if (value == null) {
          problems.add(unreadable(Labels.APPEALS + "/" + block + "/" + column, line, cell, "count"));
        }
        table.get(block).put(column, value);
      }
    }
    return table;
  }
}
