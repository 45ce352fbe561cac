package org.gongkai.streams.report;

import java.util.List;

/**
 * One instance of an identity (R1–R6, domain.md §5) on one report: R1 and R2 per column, R3 per
 * row, R4 per block of table 四, R5 per column, R6 per document row. Every identity reads
 * "left = right", each side a sum of cells.
 *
 * @param rule R1 … R6
 * @param subject the column (R1, R2, R5), row (R3, R6) or block (R4) key the instance is about
 * @param cells every cell the identity involves, left side first
 * @param missing the involved cells that are not known; non-empty for {@link Status#UNCHECKED},
 *     and possibly for a {@link Status#VIOLATED} instance whose known cells already break it
 *     whatever the missing ones are (counts are never negative)
 * @param positional the involved cells read by position alone (a short row's last cell as 总计)
 * @param expected the left side's sum over its known cells (the printed total, for most rules)
 * @param found the right side's sum over its known cells
 * @param message the instance in English, with the values
 * @param messageZh the same in Chinese, with the official labels
 */
public record Check(
    String rule, String subject, Status status, List<CellRef> cells, List<CellRef> missing,
    List<CellRef> positional, long expected, long found, String message, String messageZh) {

  public enum Status {
    /** Every involved cell is known and the identity holds. */
    HOLDS,
    /** The identity is broken. */
    VIOLATED,
    /** Cells are missing, so the identity can be neither confirmed nor refuted. */
    UNCHECKED
  }

  public Check {
    cells = List.copyOf(cells);
    missing = List.copyOf(missing);
    positional = List.copyOf(positional);
  }

  @Override
  public String toString() {
    return status + " " + message;
  }
}
