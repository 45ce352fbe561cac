package org.gongkai.streams.report.imported;

/**
 * Something the importer could not read, or read only in part: {@code where} is a table, row
 * or cell path ({@code requests/granted}, {@code appeals}), {@code line} the 1-based line of the
 * published text (0 when the row was not found at all).
 */
public record Problem(String where, int line, String message) {
  @Override
  public String toString() {
    return where + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
  }
}
