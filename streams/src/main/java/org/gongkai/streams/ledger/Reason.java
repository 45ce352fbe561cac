package org.gongkai.streams.ledger;

/** Reason codes of dead letters; the code travels in the {@code gongkai.reason} header. */
public enum Reason {
  UNDECODABLE,
  KEY_MISMATCH,
  BAD_ID,
  UNKNOWN_TOWN,
  DATE_OUT_OF_RANGE,
  BAD_AMOUNT,
  CONFLICT,
  UNKNOWN_REQUEST,
  CONCLUDED_BEFORE_RECEIVED,
  SECOND_CONCLUSION,
  UNKNOWN_CASE,
  DECIDED_BEFORE_FILED,
  SECOND_DECISION,
  UNKNOWN_DOCUMENT,
  DOCUMENT_ORDER,
  UNKNOWN_ITEM,
  REMOVED_BEFORE_ADDED,
  BAD_YEAR;

  /** The code as it appears in headers and JSON: lower case. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
