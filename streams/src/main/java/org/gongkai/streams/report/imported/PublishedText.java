package org.gongkai.streams.report.imported;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a published report as blocks: paragraphs (lines outside tables) and table rows
 * (lists of cells), plus the normalisation that lets published labels be compared with the
 * official ones in {@link org.gongkai.streams.report.Labels}.
 *
 * <p>Layouts read, as reports are found in the wild:
 * <ul>
 *   <li>Word's export of a table to text (the seed): a line that starts with one tab is one cell;
 *       consecutive cell lines form a row; a blank line ends the row. A line without a tab right
 *       after a cell line continues that cell (商业 / 企业 wrapped in the cell), unless it is a
 *       heading such as 四、…;
 *   <li>a whole row on one line, its cells separated by tabs or by {@code |} (Markdown tables,
 *       their {@code |---|} rule lines skipped);
 *   <li>a label followed on the same line by its values separated by spaces
 *       ({@code 规章 0 0 0}), as PDF text extraction gives;
 *   <li>one cell per line without tabs: a label line, then lines that are only values
 *       ({@code 1}, {@code 0}, {@code /}, {@code 177件}), which join the label's row.
 * </ul>
 * HTML is read by {@link HtmlText} into the same blocks.
 */
final class PublishedText {
  private PublishedText() {}

  sealed interface Block permits Paragraph, Row {}

  /** A line outside any table. */
  record Paragraph(String text, int line) implements Block {}

  /** One table row: its cells as published (wrapped cells joined), and its first line (1-based). */
  record Row(List<String> cells, int line) implements Block {}

  private static final Pattern HEADING = Pattern.compile("^[一二三四五六七八九十]+、.*");
  private static final Pattern SPACES_AND_QUOTES = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF“”\"‘’'「」『』]");
  private static final Pattern ENUMERATOR_COMMA = Pattern.compile("(\\d)[、．]");
  private static final Pattern TRAILING_COLON = Pattern.compile("[:：]$");
  private static final Pattern LEADING_ENUMERATOR =
      Pattern.compile("^(?:[一二三四五六七八九十]+、|\\([一二三四五六七八九十]+\\)|\\d+\\.)");
  private static final Pattern PIPE = Pattern.compile("[|｜]");
  private static final Pattern RULE_LINE = Pattern.compile("^[\\s|｜:：+-]*-{3,}[\\s|｜:：+-]*$");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
  /** The variants reports print for the notices' words: printed → official (合计 → 总计 …). */
  static final Map<String, String> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("合计", "总计");
    VARIANTS.put("结果维护", "结果维持");
    VARIANTS.put("只记", "只计");
    VARIANTS.put("不记", "不计");
    VARIANTS.put("信访投诉举报", "信访举报投诉");
  }

  /** What reports print in a cell for "nothing": not a number, so never read as 0. */
  private static final Set<String> MARKERS = Set.of("/", "-", "—", "——", "–", "－", "／", "\\", "--", "---");

  static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    List<String> row = null;
    int rowLine = 0;
    boolean afterCell = false;
    // A row built from a label line and value lines (one cell per line, no tabs) that may grow.
    boolean open = false;
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.indexOf('\t') >= 0) {
        open = false;
        List<String> parts = new ArrayList<>(Arrays.asList(line.split("\t", -1)));
        if (line.startsWith("\t")) {
          parts.remove(0);
        }
        if (parts.size() == 1) {
          if (row == null) {
            row = new ArrayList<>();
            rowLine = number;
          }
          row.add(parts.get(0).strip());
          afterCell = true;
        } else {
          flush(blocks, row, rowLine);
          row = null;
          blocks.add(new Row(parts.stream().map(String::strip).toList(), number));
          afterCell = false;
        }
        continue;
      }
      if (isBlank(line)) {
        flush(blocks, row, rowLine);
        row = null;
        afterCell = false;
        continue;
      }
      if (afterCell && !HEADING.matcher(norm(line)).matches() && !PIPE.matcher(line).find()) {
        row.set(row.size() - 1, row.get(row.size() - 1) + line.strip());
        continue;
      }
      flush(blocks, row, rowLine);
      row = null;
      afterCell = false;
      if (PIPE.matcher(line).find()) {
        open = false;
        if (!RULE_LINE.matcher(line).matches()) {
          blocks.add(new Row(pipeCells(line), number));
        }
        continue;
      }
      List<String> tokens = List.of(WHITESPACE.split(line.strip()));
      int values = trailingValues(tokens);
      Block last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (values == tokens.size()) {
        if (open && last instanceof Row r) {
          List<String> cells = new ArrayList<>(r.cells());
          cells.addAll(tokens);
          blocks.set(blocks.size() - 1, new Row(cells, r.line()));
          continue;
        }
        if (last instanceof Paragraph p && isLabelLine(p.text())) {
          List<String> cells = new ArrayList<>(List.of(p.text()));
          cells.addAll(tokens);
          blocks.set(blocks.size() - 1, new Row(cells, p.line()));
          open = true;
          continue;
        }
      } else if (values > 0 && isLabelLine(line)) {
        List<String> cells = new ArrayList<>();
        cells.add(String.join(" ", tokens.subList(0, tokens.size() - values)));
        cells.addAll(tokens.subList(tokens.size() - values, tokens.size()));
        blocks.add(new Row(cells, number));
        open = true;
        continue;
      }
      open = false;
      blocks.add(new Paragraph(line.strip(), number));
    }
    flush(blocks, row, rowLine);
    return blocks;
  }

  /** A {@code |} row's cells, without the empty cells outside its border pipes. */
  private static List<String> pipeCells(String line) {
    List<String> cells = new ArrayList<>(Arrays.asList(PIPE.split(line.strip(), -1)));
    if (cells.size() > 1 && isBlank(cells.get(0))) {
      cells.remove(0);
    }
    if (cells.size() > 1 && isBlank(cells.get(cells.size() - 1))) {
      cells.remove(cells.size() - 1);
    }
    return cells.stream().map(String::strip).toList();
  }

  /** How many of the last tokens are values: numbers (with a unit) or markers for nothing. */
  private static int trailingValues(List<String> tokens) {
    int n = 0;
    for (int i = tokens.size() - 1; i >= 0 && isValue(tokens.get(i)); i--) {
      n++;
    }
    return n;
  }

  /** A number (with its unit) or a marker for nothing: what a value cell holds. */
  static boolean isValue(String token) {
    return number(token) != null || isMarker(token);
  }

  /** One of the marks reports print for "nothing" (/, -, —, …): not a number. */
  static boolean isMarker(String cell) {
    return MARKERS.contains(cell.strip());
  }

  /** A line that can label a row: short, and not a sentence. */
  private static boolean isLabelLine(String line) {
    String n = norm(line);
    return !n.isEmpty() && n.length() <= 60 && !n.contains("。") && number(n) == null && !isMarker(n);
  }

  private static void flush(List<Block> blocks, List<String> row, int line) {
    if (row != null) {
      blocks.add(new Row(List.copyOf(row), line));
    }
  }

  /** Blank: nothing but (also non-breaking and full-width) spaces and zero-width characters. */
  static boolean isBlank(String s) {
    return s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || c == 0x200B || c == 0xFEFF);
  }

  /**
   * A label in comparable form: NFKC (full-width punctuation and digits to ASCII), no spaces of
   * any kind (规    章 → 规章), no quotation marks, 1、 → 1., and the published variants mapped to
   * the notices' wording: 合计 → 总计, 结果维护 → 结果维持, 只记/不记 → 只计/不计,
   * 信访投诉举报 → 信访举报投诉.
   */
  static String norm(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
    n = SPACES_AND_QUOTES.matcher(n).replaceAll("");
    for (Map.Entry<String, String> variant : VARIANTS.entrySet()) {
      n = n.replace(variant.getKey(), variant.getValue());
    }
    n = ENUMERATOR_COMMA.matcher(n).replaceAll("$1.");
    return TRAILING_COLON.matcher(n).replaceAll("");
  }

  /** A normalised label without a trailing parenthetical: 规范性文件(本单位制发的) → 规范性文件. */
  static String withoutTrailingNote(String normalized) {
    if (normalized.endsWith(")")) {
      int open = normalized.lastIndexOf('(');
      if (open > 0) {
        return normalized.substring(0, open);
      }
    }
    return normalized;
  }

  /** A leading enumerator removed: 二、…, (二)…, 2.… → …. */
  static String withoutEnumerator(String normalized) {
    return LEADING_ENUMERATOR.matcher(normalized).replaceFirst("");
  }

  /** A published number: its value and the unit written after it (件, 万元, 元 …), or null. */
  record Number(BigDecimal value, String unit) {}

  private static final Pattern NUMBER =
      Pattern.compile("^([-−])?(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(件|个|项|条|万元|元)?$");

  /** The cell as a number, or null if it is blank or not a number (—, /, 无 …). */
  static Number number(String cell) {
    Matcher m = NUMBER.matcher(norm(cell));
    if (!m.matches()) {
      return null;
    }
    BigDecimal value = new BigDecimal(m.group(2).replace(",", "") + (m.group(3) == null ? "" : m.group(3)));
    return new Number(m.group(1) == null ? value : value.negate(), m.group(4) == null ? "" : m.group(4));
  }
}
