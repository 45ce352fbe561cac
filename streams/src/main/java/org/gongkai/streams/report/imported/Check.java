package org.gongkai.streams.report.imported;

import java.util.List;

/**
 * One instance of an identity R1–R5 (domain.md §5) on an imported report: R1 and R2 per
 * column, R3 per row, R4 per block of table 四, R5 per column.
 *
 * @param rule R1 … R5
 * @param subject the column (R1, R2, R5), row (R3) or block (R4) key the instance is about
 * @param cells every cell the identity involves
 * @param missing the involved cells the published text does not give; non-empty for
 *     {@link Status#UNCHECKED}, and possibly for a {@link Status#VIOLATED} instance whose known
 *     cells already break it whatever the missing ones are (counts are never negative)
 * @param positional the involved cells read from a row with fewer cells than columns by
 *     position alone (its last cell as 总计), see {@link ReportImporter.ShortRows}; the outcome
 *     rests on that reading
 * @param message the instance in words, with the values
 */
public record Check(
    String rule, String subject, Status status, List<CellRef> cells, List<CellRef> missing,
    List<CellRef> positional, String message) {

  public enum Status {
    /** Every involved cell was read and the identity holds. */
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
