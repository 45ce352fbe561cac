package org.gongkai.streams.ledger;

import org.apache.avro.specific.SpecificRecord;

/**
 * The rules of one family of events (requests, appeals, procurement, other disclosure facts,
 * closing a year): what an event that passed {@link EventChecks#admit} does to the state of its
 * entity and to the tallies, or why it is rejected. It never throws on bad input.
 *
 * @param <T> the family's record type inside the envelope
 */
interface Family<T extends SpecificRecord> {
  Class<T> type();

  Verdict apply(T event);
}
