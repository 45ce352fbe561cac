package org.gongkai.schemas.lines;

import java.util.Objects;

/**
 * One problem on one line of a publisher's event file.
 *
 * @param lineNumber the 1-based physical line number (blank lines count)
 * @param reason what is wrong, naming the field and quoting the bad value
 */
public record LineError(int lineNumber, String reason) {

  public LineError {
    if (lineNumber < 1) {
      throw new IllegalArgumentException("line numbers start at 1, got " + lineNumber);
    }
    Objects.requireNonNull(reason, "reason");
  }

  /** For example {@code line 12: amountYuan "12.345" has more than 2 decimals}. */
  @Override
  public String toString() {
    return "line " + lineNumber + ": " + reason;
  }
}
