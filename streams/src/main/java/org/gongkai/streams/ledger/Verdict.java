package org.gongkai.streams.ledger;

/** What a ledger decided about one event. */
public sealed interface Verdict {

  /** The event changed the figures. */
  record Accepted() implements Verdict {}

  /** The same business fact was already recorded with identical content: nothing changes. */
  record Duplicate() implements Verdict {}

  /** The event breaks a rule: it goes to the dead-letter topic with this reason. */
  record Rejected(Reason reason, String message) implements Verdict {}

  Verdict ACCEPTED = new Accepted();
  Verdict DUPLICATE = new Duplicate();

  static Rejected reject(Reason reason, String message) {
    return new Rejected(reason, message);
  }
}
