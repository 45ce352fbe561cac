package org.gongkai.streams.report.render;

import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/**
 * RFC 4180 CSV, one record per cell: {@code table,row_key,row_label,column_key,column_label,value},
 * header record first, CRLF line ends. {@code table} is the JSON key (proactive, requests,
 * appeals; for appeals the row is the block); labels are the full ones of {@link Labels} (money
 * columns name their unit, e.g. 采购总金额（万元）); {@code value} is as in JSON (money a bare decimal
 * string in 万元). The record after the header names the report: {@code report,title,,,,} and the
 * title (南港镇2020年度政府信息公开工作年度报告（统计表）), so that a saved file says what it is, and
 * every record keeps the six fields.
 *
 * <p>Quoting is the small hand-written helper below: jackson-dataformat-csv is not in the local
 * Maven repository and six fixed columns do not need it.
 */
public final class CsvRenderer implements ReportRenderer {
  /**
   * A UTF-8 byte order mark opens the text: without it Excel reads a CSV file in the local ANSI
   * code page and shows the Chinese labels as mojibake. Parsers that know UTF-8 skip it.
   */
  public static final String BOM = "\uFEFF";
  public static final List<String> HEADER =
      List.of("table", "row_key", "row_label", "column_key", "column_label", "value");
  private static final String CRLF = "\r\n";
  /** The {@code table} and {@code row_key} of the record that holds the report's title. */
  public static final String TITLE_TABLE = "report";
  public static final String TITLE_ROW = "title";

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String render(Report report, String title) {
    Template template = Labels.template(report.template());
    StringBuilder out = new StringBuilder(BOM);
    record(out, HEADER);
    record(out, List.of(TITLE_TABLE, TITLE_ROW, "", "", "", title));
    cells(out, template, Labels.PROACTIVE, report.proactive());
    cells(out, template, Labels.REQUESTS, report.requests().rows());
    cells(out, template, Labels.APPEALS, report.appeals());
    return out.toString();
  }

  private static void cells(StringBuilder out, Template template, String table, Map<String, ? extends Map<String, ?>> rows) {
    for (Map.Entry<String, ? extends Map<String, ?>> row : rows.entrySet()) {
      String rowLabel = Labels.row(template, table, row.getKey());
      for (Map.Entry<String, ?> cell : row.getValue().entrySet()) {
        record(out, List.of(table, row.getKey(), rowLabel, cell.getKey(),
            Labels.columnWithUnit(template, table, cell.getKey()), String.valueOf(cell.getValue())));
      }
    }
  }

  private static void record(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(fields.get(i)));
    }
    out.append(CRLF);
  }

  /** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
  public static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
