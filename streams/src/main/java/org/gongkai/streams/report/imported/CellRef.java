package org.gongkai.streams.report.imported;

import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Template;

/**
 * One cell of an imported report by its JSON keys: table ({@link Labels#PROACTIVE},
 * {@link Labels#REQUESTS}, {@link Labels#APPEALS}), row (for table 四 the block) and column.
 * Printed as a path, e.g. {@code requests/received/total}.
 */
public record CellRef(String table, String row, String column) {

  public static CellRef request(String row, String column) {
    return new CellRef(Labels.REQUESTS, row, column);
  }

  public static CellRef appeal(String block, String column) {
    return new CellRef(Labels.APPEALS, block, column);
  }

  /** The cell in the official words, e.g. 一、本年新收政府信息公开申请数量 × 总计. */
  public String label(Template template) {
    return Labels.row(template, table, row) + " × " + Labels.column(template, table, column);
  }

  @Override
  public String toString() {
    return table + "/" + row + "/" + column;
  }
}
