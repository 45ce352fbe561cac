package org.gongkai.streams.ledger;

/** What became of one event, as its publisher's receipt and the metrics count it. */
public enum Disposition {
  /** Counted in the year it is dated in. */
  ACCEPTED,
  /** Counted, but its year was already closed: in the first open year instead. */
  LATE,
  /** The same fact was already recorded with the same content: nothing changed. */
  DUPLICATE,
  /** Broke a rule: sent to the dead-letter topic with its reason. */
  REJECTED;

  /** The disposition of a verdict, before lateness: accepted, duplicate or rejected. */
  static Disposition of(Verdict verdict) {
    if (verdict instanceof Verdict.Accepted) {
      return ACCEPTED;
    }
    return verdict instanceof Verdict.Duplicate ? DUPLICATE : REJECTED;
  }
}
