package org.gongkai.streams.report.render;

import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/**
 * Renders a {@link Report} as a document. Renderers take their rows and columns from the report's
 * maps (already in template order) and their words from {@link Labels}, so one renderer serves
 * every template.
 */
public interface ReportRenderer {

  /**
   * @param title the heading, e.g. 南港镇2020年度政府信息公开工作年度报告（统计表）; the caller
   *     knows the town's name, the renderer does not
   */
  String render(Report report, String title);

  /** The HTTP Content-Type of what {@link #render} returns, with its charset. */
  String contentType();

  /** A cell for people: money (万元) as in JSON plus 万元, counts as they are. */
  static String display(Template template, String table, String column, Object value) {
    String text = String.valueOf(value);
    return Labels.isMoney(template, table, column) ? text + Labels.MONEY_UNIT : text;
  }
}
