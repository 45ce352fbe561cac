package org.gongkai.streams.ledger;

import org.gongkai.streams.rollup.TownDelta;

/** What the ledger sends on: a rejected event to the dead-letter topic, or a town's change to its regions. */
public sealed interface LedgerOutput {

  /** A rejected event's original bytes, on their way to the dead-letter topic (reason in the headers). */
  record DeadLetter(byte[] value) implements LedgerOutput {}

  /** A change to a town's tally, on its way to the county, city and province above (key: the province). */
  record RegionChange(TownDelta delta) implements LedgerOutput {}
}
