package org.gongkai.streams.ledger;

import org.gongkai.streams.store.Entities;
import org.gongkai.state.FactState;

/**
 * One-off facts remembered by business id, to tell a duplicate (same content) from a conflict
 * (same id, other content).
 */
final class Facts {
  private final Entities<FactState> store;

  Facts(Entities<FactState> store) {
    this.store = store;
  }

  Verdict record(String town, String kind, String id, String content) {
    String key = town + '|' + kind + '|' + id;
    FactState known = store.current(key);
    if (known == null) {
      store.changed(key, new FactState(content));
      return Verdict.ACCEPTED;
    }
    if (known.getContent().equals(content)) {
      return Verdict.DUPLICATE;
    }
    return Verdict.reject(Reason.CONFLICT,
        kind + " " + id + " was already recorded as [" + known.getContent() + "]; this event says ["
            + content + "]");
  }
}
