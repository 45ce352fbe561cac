package org.gongkai.streams.store;

import org.apache.avro.specific.SpecificRecord;

/**
 * One kind of entity the ledger remembers (requests, cases, documents, items, facts, closures),
 * a typed view of the one entity store: its keys start with the kind, so kinds never collide
 * (a request and a procurement project may share an id).
 *
 * @param <T> the kind's state record
 */
public final class Entities<T extends SpecificRecord> {
  private final WriteBackStore<SpecificRecord> store;
  private final String kind;
  private final Class<T> type;

  public Entities(WriteBackStore<SpecificRecord> store, String kind, Class<T> type) {
    this.store = store;
    this.kind = kind + '|';
    this.type = type;
  }

  /** The entity's state as it is now, or null when it is unknown. */
  public T current(String key) {
    SpecificRecord state = store.current(kind + key);
    return state == null ? null : type.cast(state);
  }

  /** Records the entity's new (or changed) state: it is written at the next commit. */
  public void changed(String key, T state) {
    store.changed(kind + key, state);
  }
}
