package org.gongkai.streams.report.imported;

/**
 * The text cannot be checked as a report, and why: it is not one (no title line naming a year,
 * no statistical table), it stops before its tables end, it is too large, or it is not UTF-8.
 * The message says what and where, for a person.
 */
public final class NotAReport extends IllegalArgumentException {
  public enum Reason { NOT_A_REPORT, TRUNCATED, TOO_LARGE, NOT_UTF8 }

  private final Reason reason;

  public NotAReport(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
