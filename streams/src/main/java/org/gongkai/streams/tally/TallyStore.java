package org.gongkai.streams.tally;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.gongkai.state.YearTally;

/**
 * The tallies of a task, changed in memory and written once per commit. The stream thread reads
 * and changes live objects ({@link #current}, {@link #changed}): a change costs no decoding or
 * encoding. Before each commit Kafka Streams flushes its caches ({@link #flushCache}): then every
 * tally changed since the last commit is written, packed, to the store underneath, an ordinary
 * persistent store whose changelog goes out in the commit's transaction, so the stored figures
 * and the committed input offsets always agree. Restores, standbys and interactive queries use
 * that store ({@link #TYPE}): a query sees the figures as of the last commit.
 *
 * <p>Why an internal interface: {@link CachedStateStore#flushCache} is the only hook Kafka Streams
 * calls before a commit (its own record cache uses it); {@code StateStore.flush} comes after.
 * The crash and lost-state drills check that nothing is lost or counted twice with it.
 *
 * <p>Memory: changed tallies stay until the commit; of the others at most {@code maxClean} are
 * kept, the least recently used dropped first.
 */
public final class TallyStore implements StateStore, ReadOnlyKeyValueStore<String, YearTally>,
    CachedStateStore<String, YearTally> {

  /** How interactive queries ask for tally stores: {@code StoreQueryParameters.fromNameAndType(name, TYPE)}. */
  public static final QueryableStoreType<ReadOnlyKeyValueStore<String, YearTally>> TYPE = new QueryableStoreType<>() {
    @Override
    public boolean accepts(StateStore store) {
      return store instanceof TallyStore;
    }

    @Override
    public ReadOnlyKeyValueStore<String, YearTally> create(StateStoreProvider provider, String storeName) {
      return new Composite(provider.stores(storeName, this));
    }
  };

  private final KeyValueStore<Bytes, byte[]> stored;
  private final int maxClean;
  /** Every tally the stream thread holds, least recently used first. */
  private final LinkedHashMap<String, YearTally> live = new LinkedHashMap<>(1024, 0.75f, true);
  /** The keys changed since the last commit, sorted for range reads. */
  private final TreeSet<String> dirty = new TreeSet<>();

  private TallyStore(KeyValueStore<Bytes, byte[]> stored, int maxClean) {
    this.stored = stored;
    this.maxClean = maxClean;
  }

  /** A persistent, changelogged tally store; {@code maxClean} unchanged tallies kept in memory at most. */
  public static StoreBuilder<TallyStore> builder(String name, int maxClean) {
    return new Builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
        Serdes.ByteArray()).withCachingDisabled(), maxClean);
  }

  // ---------------------------------------------------------------- the stream thread

  /** The tally as it is now, changes since the last commit included; null when there is none. */
  public YearTally current(String key) {
    YearTally tally = live.get(key);
    if (tally == null) {
      tally = YearTallySerde.decode(stored.get(bytes(key)));
      if (tally != null) {
        live.put(key, tally);
      }
    }
    return tally;
  }

  /** Records that the tally of the key was changed (or created): it is written at the next commit. */
  public void changed(String key, YearTally tally) {
    live.put(key, tally);
    dirty.add(key);
  }

  /** The first key from {@code from} to {@code to} (inclusive) that has a tally now, or null. */
  public String firstKey(String from, String to) {
    NavigableSet<String> changed = dirty.subSet(from, true, to, true);
    String first = changed.isEmpty() ? null : changed.first();
    try (KeyValueIterator<Bytes, byte[]> it = stored.range(bytes(from), bytes(to))) {
      if (it.hasNext()) {
        String key = string(it.next().key);
        if (first == null || key.compareTo(first) < 0) {
          first = key;
        }
      }
    }
    return first;
  }

  /** Writes every changed tally, once: called by Kafka Streams before each commit. */
  @Override
  public void flushCache() {
    for (String key : dirty) {
      stored.put(bytes(key), YearTallySerde.encode(live.get(key)));
    }
    dirty.clear();
    Iterator<Map.Entry<String, YearTally>> oldest = live.entrySet().iterator();
    while (live.size() > maxClean && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Forgets what is held in memory (the task's state is being thrown away: it is rebuilt from the changelog). */
  @Override
  public void clearCache() {
    live.clear();
    dirty.clear();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, YearTally> listener, boolean sendOldValues) {
    return false;
  }

  // ---------------------------------------------------------------- Kafka Streams

  @Override
  public String name() {
    return stored.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    clearCache();
    stored.init(context, root);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    flushCache();
    stored.flush();
  }

  @Override
  public void close() {
    clearCache();
    stored.close();
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public boolean isOpen() {
    return stored.isOpen();
  }

  @Override
  public Position getPosition() {
    return stored.getPosition();
  }

  // ---------------------------------------------------------------- interactive queries: the last commit's figures

  @Override
  public YearTally get(String key) {
    return YearTallySerde.decode(stored.get(bytes(key)));
  }

  @Override
  public KeyValueIterator<String, YearTally> range(String from, String to) {
    return decoded(stored.range(bytes(from), bytes(to)));
  }

  @Override
  public KeyValueIterator<String, YearTally> reverseRange(String from, String to) {
    return decoded(stored.reverseRange(bytes(from), bytes(to)));
  }

  @Override
  public KeyValueIterator<String, YearTally> all() {
    return decoded(stored.all());
  }

  @Override
  public long approximateNumEntries() {
    return stored.approximateNumEntries();
  }

  private static KeyValueIterator<String, YearTally> decoded(KeyValueIterator<Bytes, byte[]> raw) {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return raw.hasNext();
      }

      @Override
      public KeyValue<String, YearTally> next() {
        KeyValue<Bytes, byte[]> next = raw.next();
        return KeyValue.pair(string(next.key), YearTallySerde.decode(next.value));
      }

      @Override
      public String peekNextKey() {
        return string(raw.peekNextKey());
      }

      @Override
      public void close() {
        raw.close();
      }
    };
  }

  private static Bytes bytes(String key) {
    return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String string(Bytes key) {
    return new String(key.get(), StandardCharsets.UTF_8);
  }

  /** Builds the store around an ordinary persistent store's builder: its changelog settings are the store's. */
  private static final class Builder implements StoreBuilder<TallyStore> {
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> stored;
    private final int maxClean;

    Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> stored, int maxClean) {
      this.stored = stored;
      this.maxClean = maxClean;
    }

    /** The store keeps tallies in memory itself; a byte cache underneath would only copy them. */
    @Override
    public StoreBuilder<TallyStore> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<TallyStore> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<TallyStore> withLoggingEnabled(Map<String, String> config) {
      stored.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<TallyStore> withLoggingDisabled() {
      stored.withLoggingDisabled();
      return this;
    }

    @Override
    public TallyStore build() {
      return new TallyStore(stored.build(), maxClean);
    }

    @Override
    public Map<String, String> logConfig() {
      return stored.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return stored.loggingEnabled();
    }

    @Override
    public String name() {
      return stored.name();
    }
  }

  /** The tally stores of several tasks of an instance, read as one (keys are unique to a partition or summed by the caller). */
  private static final class Composite implements ReadOnlyKeyValueStore<String, YearTally> {
    private final List<ReadOnlyKeyValueStore<String, YearTally>> stores;

    Composite(List<ReadOnlyKeyValueStore<String, YearTally>> stores) {
      this.stores = stores;
    }

    @Override
    public YearTally get(String key) {
      for (ReadOnlyKeyValueStore<String, YearTally> store : stores) {
        YearTally tally = store.get(key);
        if (tally != null) {
          return tally;
        }
      }
      return null;
    }

    @Override
    public KeyValueIterator<String, YearTally> range(String from, String to) {
      return concat(store -> store.range(from, to));
    }

    @Override
    public KeyValueIterator<String, YearTally> all() {
      return concat(ReadOnlyKeyValueStore::all);
    }

    @Override
    public long approximateNumEntries() {
      return stores.stream().mapToLong(ReadOnlyKeyValueStore::approximateNumEntries).sum();
    }

    private KeyValueIterator<String, YearTally> concat(
        java.util.function.Function<ReadOnlyKeyValueStore<String, YearTally>, KeyValueIterator<String, YearTally>> open) {
      List<KeyValue<String, YearTally>> all = new ArrayList<>();
      Set<KeyValueIterator<String, YearTally>> opened = new HashSet<>();
      try {
        for (ReadOnlyKeyValueStore<String, YearTally> store : stores) {
          KeyValueIterator<String, YearTally> it = open.apply(store);
          opened.add(it);
          it.forEachRemaining(all::add);
        }
      } finally {
        opened.forEach(KeyValueIterator::close);
      }
      Iterator<KeyValue<String, YearTally>> read = all.iterator();
      return new KeyValueIterator<>() {
        @Override
        public boolean hasNext() {
          return read.hasNext();
        }

        @Override
        public KeyValue<String, YearTally> next() {
          return read.next();
        }

        @Override
        public String peekNextKey() {
          throw new UnsupportedOperationException("peekNextKey");
        }

        @Override
        public void close() {}
      };
    }
  }
}
