package org.gongkai.streams.report.imported;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.streams.report.CellRef;

/**
 * The figures a report's text states about its tables (rule R7): 收到/受理申请 …件, 上年结转 …件,
 * 办结/答复 …件, 结转下年度 …件, 行政复议 …件, 行政诉讼 …件, and their negations (未收到申请, 未发生行政
 * 复议…) as 0. Read clause by clause (a clause ends at ，。；), in the paragraphs outside the tables.
 * A clause that names both 行政复议 and 行政诉讼 with one figure is not read: which one it counts
 * cannot be told.
 */
public final class StatedFigures {
  /** A figure of the text and the table cells it describes (their sum). */
  public record Stated(String phrase, long value, List<CellRef> cells, int line, String clause) {}

  private static final String N = "(\\d+|[零〇一二两三四五六七八九十百千]+)";
  private static final String GAP = "[^\\d，。；,;]{0,20}?";
  private static final String UNIT = "\\s*(?:件|个|条|宗|起)";
  private static final List<CellRef> LITIGATION = List.of(
      CellRef.appeal("litigation_direct", "total"), CellRef.appeal("litigation_after_reconsideration", "total"));

  private record Figure(String phrase, Pattern pattern, List<CellRef> cells) {}

  private static final List<Figure> FIGURES = List.of(
      new Figure("收到申请", Pattern.compile("(?:收到|受理|新收|接收|接到)" + GAP + "申请" + GAP + N + UNIT),
          List.of(CellRef.request("received", "total"))),
      new Figure("上年结转", Pattern.compile("上一?年度?结转" + GAP + N + UNIT),
          List.of(CellRef.request("carried_over", "total"))),
      new Figure("办结/答复", Pattern.compile("(?:办结|答复|办理完毕|处理完毕)" + GAP + N + UNIT),
          List.of(CellRef.request("concluded_total", "total"))),
      new Figure("结转下年度", Pattern.compile("结转(?:至|到)?下一?年度?" + GAP + N + UNIT),
          List.of(CellRef.request("carried_forward", "total"))),
      new Figure("行政复议", Pattern.compile("行政复议" + GAP + N + UNIT),
          List.of(CellRef.appeal("reconsideration", "total"))),
      new Figure("行政诉讼", Pattern.compile("行政诉讼" + GAP + N + UNIT), LITIGATION));

  private static final Pattern NO_REQUEST = Pattern.compile("(?:未|没有)(?:收到|受理|接到)[^，。；,;\\d]{0,15}申请");
  private static final Pattern NO_RECONSIDERATION = Pattern.compile("(?:未|没有|无)[^，。；,;\\d]{0,20}行政复议");
  private static final Pattern NO_LITIGATION = Pattern.compile("(?:未|没有|无)[^，。；,;\\d]{0,30}行政诉讼");
  private static final Pattern CLAUSE = Pattern.compile("[，。；,;！!？?]");

  private StatedFigures() {}

  static List<Stated> find(String paragraph, int line) {
    List<Stated> found = new ArrayList<>();
    String text = Normalizer.normalize(paragraph, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000]+", "");
    for (String clause : CLAUSE.split(text)) {
      boolean both = clause.contains("行政复议") && clause.contains("行政诉讼");
      if (NO_REQUEST.matcher(clause).find()) {
        found.add(new Stated("收到申请", 0, FIGURES.get(0).cells(), line, clause));
      }
      boolean negated = false;
      if (NO_RECONSIDERATION.matcher(clause).find() && !hasFigure(clause)) {
        found.add(new Stated("行政复议", 0, FIGURES.get(4).cells(), line, clause));
        negated = true;
      }
      if (NO_LITIGATION.matcher(clause).find() && !hasFigure(clause)) {
        found.add(new Stated("行政诉讼", 0, LITIGATION, line, clause));
        negated = true;
      }
      for (Figure figure : FIGURES) {
        if (negated && figure.cells().get(0).table().equals("appeals")
            || both && figure.cells().get(0).table().equals("appeals")) {
          continue;
        }
        Matcher m = figure.pattern().matcher(clause);
        if (m.find()) {
          Long value = number(m.group(1));
          if (value != null) {
            found.add(new Stated(figure.phrase(), value, figure.cells(), line, clause));
          }
        }
      }
    }
    return found;
  }

  private static boolean hasFigure(String clause) {
    return Pattern.compile(N + UNIT).matcher(clause).find();
  }

  /** Arabic digits, or a Chinese numeral up to 9999 (十二, 一百零五, 两); null if neither. */
  static Long number(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return s.length() > 15 ? null : Long.parseLong(s);
    }
    long total = 0;
    long digit = -1;
    for (char c : s.toCharArray()) {
      int d = "零〇一二三四五六七八九".indexOf(c == '两' ? '二' : c);
      if (d >= 0) {
        digit = d <= 1 ? 0 : d - 1;
        continue;
      }
      long unit = switch (c) {
        case '十' -> 10;
        case '百' -> 100;
        case '千' -> 1000;
        default -> -1;
      };
      if (unit < 0) {
        return null;
      }
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    }
    return total + Math.max(digit, 0);
  }
}
