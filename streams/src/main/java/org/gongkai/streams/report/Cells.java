package org.gongkai.streams.report;

import java.util.Map;

/**
 * The cells of one report as the identities read them ({@link Identities}): a report computed
 * from events ({@link #of(Report)}) has every cell; a report imported from its published text
 * may lack some.
 */
public interface Cells {
  int year();

  Template template();

  /** The count in the cell; null when the cell is not known (printed blank, unreadable, lost). */
  Long count(CellRef cell);

  /** Whether the cell was read by its position alone (a short row's last cell as 总计). */
  default boolean positional(CellRef cell) {
    return false;
  }

  /** A computed report: every cell is known. */
  static Cells of(Report report) {
    Template template = Labels.template(report.template());
    return new Cells() {
      @Override
      public int year() {
        return report.year();
      }

      @Override
      public Template template() {
        return template;
      }

      @Override
      public Long count(CellRef cell) {
        Map<String, ?> row = switch (cell.table()) {
          case Labels.PROACTIVE -> report.proactive().get(cell.row());
          case Labels.REQUESTS -> report.requests().rows().get(cell.row());
          case Labels.APPEALS -> report.appeals().get(cell.row());
          default -> throw new IllegalArgumentException("unknown table: " + cell.table());
        };
        return row != null && row.get(cell.column()) instanceof Long n ? n : null;
      }
    };
  }
}
