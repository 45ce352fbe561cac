package org.gongkai.streams.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/**
 * Plain text for a terminal, in template order: each group label (第二十条第（一）项,
 * 三、本年度办理结果, （三）不予公开, 行政诉讼 …) on a line of its own where it begins, then one line per
 * row with its cells, e.g. {@code 一、本年新收政府信息公开申请数量  自然人 1  商业企业 0 … 总计 1}.
 * Money is shown as in JSON plus 万元.
 */
public final class TextRenderer implements ReportRenderer {
  private static final String INDENT = "  ";

  @Override
  public String contentType() {
    return "text/plain; charset=utf-8";
  }

  @Override
  public String render(Report report, String title) {
    Template template = Labels.template(report.template());
    StringBuilder out = new StringBuilder();
    out.append(title).append('\n')
        .append("状态：").append(Labels.status(report.status())).append("（").append(report.status()).append("）")
        .append("  统计年度：").append(report.year())
        .append("  模板：").append(template.notice()).append('\n');

    out.append('\n').append(Labels.title(template, Labels.PROACTIVE)).append('\n');
    List<String> previous = List.of();
    for (Map.Entry<String, Map<String, Object>> row : report.proactive().entrySet()) {
      List<String> path = new ArrayList<>();
      path.add(Labels.section(template, row.getKey()));
      path.addAll(Labels.rowPath(template, Labels.PROACTIVE, row.getKey()));
      line(out, previous, path, template, Labels.PROACTIVE, row.getValue());
      previous = path;
    }

    out.append('\n').append(Labels.title(template, Labels.REQUESTS)).append('\n');
    out.append(legend(template, report.requests().rows())).append('\n');
    previous = List.of();
    for (Map.Entry<String, Map<String, Long>> row : report.requests().rows().entrySet()) {
      List<String> path = Labels.rowPath(template, Labels.REQUESTS, row.getKey());
      line(out, previous, path, template, Labels.REQUESTS, row.getValue());
      previous = path;
    }

    out.append('\n').append(Labels.title(template, Labels.APPEALS)).append('\n');
    previous = List.of();
    for (Map.Entry<String, Map<String, Long>> block : report.appeals().entrySet()) {
      List<String> path = Labels.rowPath(template, Labels.APPEALS, block.getKey());
      line(out, previous, path, template, Labels.APPEALS, block.getValue());
      previous = path;
    }
    return out.toString();
  }

  /**
   * Prints the groups of {@code path} that {@code previous} did not share, each on its own line
   * and indented by level, then the row's own label and cells.
   */
  private static void line(StringBuilder out, List<String> previous, List<String> path, Template template,
      String table, Map<String, ?> cells) {
    int shared = 0;
    while (shared < path.size() - 1 && shared < previous.size() && previous.get(shared).equals(path.get(shared))) {
      shared++;
    }
    for (int level = shared; level < path.size() - 1; level++) {
      out.append(INDENT.repeat(level)).append(path.get(level)).append('\n');
    }
    out.append(INDENT.repeat(path.size() - 1)).append(path.get(path.size() - 1));
    for (Map.Entry<String, ?> cell : cells.entrySet()) {
      List<String> columnPath = Labels.columnPath(template, table, cell.getKey());
      out.append("  ").append(columnPath.get(columnPath.size() - 1)).append(' ')
          .append(ReportRenderer.display(template, table, cell.getKey(), cell.getValue()));
    }
    out.append('\n');
  }

  /** Table 三's column groups in one line: 申请人情况：自然人 | 法人或其他组织（商业企业、…、其他） | 总计. */
  private static String legend(Template template, Map<String, Map<String, Long>> rows) {
    List<String> columns = rows.isEmpty() ? List.of() : List.copyOf(rows.values().iterator().next().keySet());
    List<String> parts = new ArrayList<>();
    String group = null;
    List<String> members = new ArrayList<>();
    for (String column : columns) {
      List<String> path = Labels.columnPath(template, Labels.REQUESTS, column);
      String head = path.size() > 1 ? path.get(0) : null;
      if (group != null && !group.equals(head)) {
        parts.add(group + "（" + String.join("、", members) + "）");
        members.clear();
      }
      group = head;
      if (head == null) {
        parts.add(path.get(0));
      } else {
        members.add(path.get(path.size() - 1));
      }
    }
    if (group != null) {
      parts.add(group + "（" + String.join("、", members) + "）");
    }
    return Labels.APPLICANTS_HEADER + "：" + String.join(" | ", parts);
  }
}
