package org.gongkai.streams.report;

/**
 * One cell of a report by its JSON keys: table ({@link Labels#PROACTIVE}, {@link Labels#REQUESTS},
 * {@link Labels#APPEALS}), row (for table 四 the block) and column. Printed as its JSON path,
 * e.g. {@code requests.received.total}.
 */
public record CellRef(String table, String row, String column) {

  public static CellRef proactive(String row, String column) {
    return new CellRef(Labels.PROACTIVE, row, column);
  }

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

  /** The JSON path, e.g. {@code requests.granted.natural_person}. */
  public String path() {
    return table + "." + row + "." + column;
  }

  @Override
  public String toString() {
    return path();
  }
}
