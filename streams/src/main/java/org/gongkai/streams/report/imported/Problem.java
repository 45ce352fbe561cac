package org.gongkai.streams.report.imported;

import java.util.List;
import java.util.Map;
import org.gongkai.streams.report.CellRef;

/**
 * Something the importer could not read, read only in part, or read with a doubt.
 *
 * @param kind whether cells are lost ({@link Kind#UNREAD}, a rule R8 violation), the reading is
 *     ambiguous ({@link Kind#AMBIGUOUS}, also R8: its cells are left unknown) or only odd
 *     ({@link Kind#WARNING})
 * @param where a table, row or cell path ({@code requests.granted}, {@code appeals}, {@code title})
 * @param line the 1-based line of the published text; 0 when there is none (a row not found)
 * @param cells the cells concerned, possibly none (a heading)
 * @param printed what was printed where a number was expected ("" for a blank cell), or null
 * @param message in English
 * @param messageZh in Chinese
 * @param candidates for {@link Kind#AMBIGUOUS}: every reading still possible, each column → value
 */
public record Problem(
    Kind kind, String where, int line, List<CellRef> cells, String printed, String message, String messageZh,
    List<Map<String, Long>> candidates) {

  public enum Kind { UNREAD, AMBIGUOUS, WARNING }

  public Problem {
    cells = List.copyOf(cells);
    candidates = List.copyOf(candidates);
  }

  static Problem unread(String where, int line, List<CellRef> cells, String printed, String message, String messageZh) {
    return new Problem(Kind.UNREAD, where, line, cells, printed, message, messageZh, List.of());
  }

  static Problem warning(String where, int line, List<CellRef> cells, String message, String messageZh) {
    return new Problem(Kind.WARNING, where, line, cells, null, message, messageZh, List.of());
  }

  @Override
  public String toString() {
    return where + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
  }
}
