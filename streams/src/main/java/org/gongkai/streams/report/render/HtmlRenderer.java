package org.gongkai.streams.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/**
 * A complete UTF-8 HTML5 page laid out like the official forms: table 二 in sections with their
 * 信息内容 header rows, table 三 with its two-level applicant header and grouped row labels, table
 * 四 with 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉). Groups come from the label paths of
 * {@link Labels}: consecutive cells with the same path prefix merge into one rowspan/colspan cell.
 */
public final class HtmlRenderer implements ReportRenderer {
  private static final String CSS = String.join("",
      "body{font-family:sans-serif;margin:1.5em}",
      "h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}",
      "table{border-collapse:collapse;margin-bottom:1em}",
      "th,td{border:1px solid #333;padding:3px 8px}",
      "th{font-weight:normal;background:#f3f3f3}",
      "td{text-align:center;font-variant-numeric:tabular-nums}",
      "th.row{text-align:left}th.section{text-align:left;font-weight:bold}",
      ".status{font-weight:bold}.status-open{color:#a60}.status-final{color:#060}");

  @Override
  public String contentType() {
    return "text/html; charset=utf-8";
  }

  @Override
  public String render(Report report, String title) {
    Template template = Labels.template(report.template());
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(title)).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(esc(title)).append("</h1>\n")
        .append("<p>状态：<span class=\"status status-").append(esc(report.status())).append("\">")
        .append(esc(Labels.status(report.status()))).append("（").append(esc(report.status())).append("）</span>")
        .append("　统计年度：").append(report.year())
        .append("　模板：").append(esc(template.notice())).append("</p>\n");
    proactive(out, template, report.proactive());
    requests(out, template, report.requests().rows());
    appeals(out, template, report.appeals());
    return out.append("</body>\n</html>\n").toString();
  }

  /** Table 二: a section header row, a 信息内容 header row, then the section's rows. */
  private static void proactive(StringBuilder out, Template template, Map<String, Map<String, Object>> rows) {
    int width = 1 + rows.values().stream().mapToInt(Map::size).max().orElse(0);
    out.append("<h2>").append(esc(Labels.title(template, Labels.PROACTIVE))).append("</h2>\n<table class=\"proactive\">\n");
    String section = null;
    List<String> columns = null;
    for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
      String rowSection = Labels.section(template, row.getKey());
      List<String> rowColumns = List.copyOf(row.getValue().keySet());
      if (!rowSection.equals(section) || !rowColumns.equals(columns)) {
        out.append("<tr><th class=\"section\" colspan=\"").append(width).append("\">")
            .append(esc(rowSection)).append("</th></tr>\n<tr><th>").append(esc(Labels.CONTENT_HEADER)).append("</th>");
        for (int i = 0; i < rowColumns.size(); i++) {
          out.append("<th").append(fill(i, rowColumns.size(), width)).append(">")
              .append(esc(Labels.column(template, Labels.PROACTIVE, rowColumns.get(i)))).append("</th>");
        }
        out.append("</tr>\n");
        section = rowSection;
        columns = rowColumns;
      }
      out.append("<tr><th class=\"row\">").append(esc(Labels.row(template, Labels.PROACTIVE, row.getKey()))).append("</th>");
      for (int i = 0; i < rowColumns.size(); i++) {
        String column = rowColumns.get(i);
        out.append("<td").append(fill(i, rowColumns.size(), width)).append(">")
            .append(esc(ReportRenderer.display(template, Labels.PROACTIVE, column, row.getValue().get(column))))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  /** The last cell of a narrower section stretches to the table's width. */
  private static String fill(int index, int count, int width) {
    int span = index == count - 1 ? width - count : 1;
    return span > 1 ? " colspan=\"" + span + "\"" : "";
  }

  /** Table 三: corner note, 申请人情况 over the grouped applicant columns, grouped row labels. */
  private static void requests(StringBuilder out, Template template, Map<String, Map<String, Long>> rows) {
    List<String> columns = rows.isEmpty() ? List.of() : List.copyOf(rows.values().iterator().next().keySet());
    List<List<String>> columnPaths = new ArrayList<>();
    for (String column : columns) {
      List<String> path = new ArrayList<>();
      path.add(Labels.APPLICANTS_HEADER);
      path.addAll(Labels.columnPath(template, Labels.REQUESTS, column));
      columnPaths.add(path);
    }
    List<String> rowKeys = List.copyOf(rows.keySet());
    List<List<String>> rowPaths = rowKeys.stream().map(k -> Labels.rowPath(template, Labels.REQUESTS, k)).toList();
    int rowDepth = depth(rowPaths);
    int columnDepth = depth(columnPaths);

    out.append("<h2>").append(esc(Labels.title(template, Labels.REQUESTS))).append("</h2>\n<table class=\"requests\">\n");
    List<List<Span>> header = spans(columnPaths, columnDepth);
    for (int level = 0; level < columnDepth; level++) {
      out.append("<tr>");
      if (level == 0) {
        out.append("<th").append(spanAttrs(rowDepth, columnDepth)).append(">").append(esc(Labels.REQUESTS_NOTE)).append("</th>");
      }
      for (Span span : header.get(level)) {
        out.append("<th").append(spanAttrs(span.length(), span.depth())).append(">").append(esc(span.label())).append("</th>");
      }
      out.append("</tr>\n");
    }
    List<List<Span>> labels = spans(rowPaths, rowDepth);
    for (int i = 0; i < rowKeys.size(); i++) {
      out.append("<tr>");
      for (List<Span> level : labels) {
        for (Span span : level) {
          if (span.start() == i) {
            out.append("<th class=\"row\"").append(spanAttrs(span.depth(), span.length())).append(">")
                .append(esc(span.label())).append("</th>");
          }
        }
      }
      Map<String, Long> row = rows.get(rowKeys.get(i));
      for (String column : columns) {
        out.append("<td>").append(esc(String.valueOf(row.get(column)))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  /** Table 四: block headers over column headers, then one row of figures. */
  private static void appeals(StringBuilder out, Template template, Map<String, Map<String, Long>> blocks) {
    List<List<String>> paths = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> block : blocks.entrySet()) {
      List<String> blockPath = Labels.rowPath(template, Labels.APPEALS, block.getKey());
      for (Map.Entry<String, Long> cell : block.getValue().entrySet()) {
        List<String> path = new ArrayList<>(blockPath);
        path.addAll(Labels.columnPath(template, Labels.APPEALS, cell.getKey()));
        paths.add(path);
        cells.add(String.valueOf(cell.getValue()));
      }
    }
    int depth = depth(paths);
    out.append("<h2>").append(esc(Labels.title(template, Labels.APPEALS))).append("</h2>\n<table class=\"appeals\">\n");
    for (List<Span> level : spans(paths, depth)) {
      out.append("<tr>");
      for (Span span : level) {
        out.append("<th").append(spanAttrs(span.length(), span.depth())).append(">").append(esc(span.label())).append("</th>");
      }
      out.append("</tr>\n");
    }
    out.append("<tr>");
    cells.forEach(cell -> out.append("<td>").append(esc(cell)).append("</td>"));
    out.append("</tr>\n</table>\n");
  }

  /**
   * One merged header cell at some level of a list of label paths: it covers {@code length}
   * consecutive paths from {@code start}, and {@code depth} levels (more than one when it is the
   * last label of a path shorter than the deepest one).
   */
  record Span(String label, int start, int length, int depth) {}

  /** Merges consecutive paths with the same prefix, level by level; leaves never merge. */
  static List<List<Span>> spans(List<List<String>> paths, int depth) {
    List<List<Span>> levels = new ArrayList<>();
    for (int level = 0; level < depth; level++) {
      List<Span> spans = new ArrayList<>();
      int i = 0;
      while (i < paths.size()) {
        List<String> path = paths.get(i);
        if (path.size() <= level) {
          i++;
          continue;
        }
        boolean leaf = path.size() - 1 == level;
        int j = i + 1;
        while (!leaf && j < paths.size() && paths.get(j).size() - 1 > level
            && paths.get(j).subList(0, level + 1).equals(path.subList(0, level + 1))) {
          j++;
        }
        spans.add(new Span(path.get(level), i, j - i, leaf ? depth - level : 1));
        i = j;
      }
      levels.add(spans);
    }
    return levels;
  }

  private static int depth(List<List<String>> paths) {
    return paths.stream().mapToInt(List::size).max().orElse(0);
  }

  private static String spanAttrs(int colspan, int rowspan) {
    return (colspan > 1 ? " colspan=\"" + colspan + "\"" : "") + (rowspan > 1 ? " rowspan=\"" + rowspan + "\"" : "");
  }

  /** Escapes text for element content and double- or single-quoted attributes. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
