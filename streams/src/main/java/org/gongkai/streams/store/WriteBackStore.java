package org.gongkai.streams.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
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
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A task's state (its tallies, the entities its ledger remembers), changed in memory and written
 * once per commit. The stream thread reads and changes live objects ({@link #current},
 * {@link #changed}): a change costs no decoding, encoding or cache bookkeeping. Before each
 * commit Kafka Streams flushes its caches ({@link #flushCache}): then every value changed since
 * the last commit is written, encoded, to the store underneath, an ordinary persistent store
 * whose changelog goes out in the commit's transaction, so the stored state and the committed
 * input offsets always agree. Restores, standbys and interactive queries use that store
 * ({@link #type()}).
 *
 * <p>That store is transactional ({@code enable.transactional.statestores}, KIP-892): what the
 * flush writes is staged until the commit's Kafka transaction has committed, then made durable
 * with the changelog offsets it stands for ({@link #commit}); queries read only committed data
 * ({@code default.interactive.query.isolation.level} READ_COMMITTED), so a figure whose
 * transaction is lost is never served; and a crash under exactly-once no longer wipes the store
 * (the writes since the last commit are replayed), so a restarted instance keeps its state.
 *
 * <p>Why an internal interface: {@link CachedStateStore#flushCache} is the only hook Kafka Streams
 * calls before a commit (its own record cache uses it); {@code StateStore.flush} comes after.
 * The crash and lost-state drills check that nothing is lost or counted twice with it.
 *
 * <p>Memory: changed values stay until the commit; of the others at most {@code maxClean} are
 * kept, the least recently used dropped first.
 *
 * @param <V> the values, mutable objects the stream thread changes in place
 */
public final class WriteBackStore<V> implements StateStore, ReadOnlyKeyValueStore<String, V>,
    CachedStateStore<String, V> {

  /** How interactive queries ask for such a store: {@code StoreQueryParameters.fromNameAndType(name, type())}. */
  public static <V> QueryableStoreType<ReadOnlyKeyValueStore<String, V>> type() {
    return new QueryableStoreType<>() {
      @Override
      public boolean accepts(StateStore store) {
        return store instanceof WriteBackStore;
      }

      @Override
      public ReadOnlyKeyValueStore<String, V> create(StateStoreProvider provider, String storeName) {
        IsolationLevel isolation = provider.defaultIsolationLevel();
        return new ReadAsOne<>(provider.stores(storeName, this).stream().map(store -> store.readOnly(isolation)).toList());
      }
    };
  }

  private final KeyValueStore<Bytes, byte[]> stored;
  /** The RocksDB store at the bottom of {@link #stored}, whose position the flush's changelog records need not copy. */
  private final FlushPositions positions;
  private final Serializer<V> encoder;
  private final Deserializer<V> decoder;
  private final int maxClean;
  /** Every value the stream thread holds, least recently used first. */
  private final LinkedHashMap<String, V> live = new LinkedHashMap<>(1024, 0.75f, true);
  /** The values changed since the last commit, by key (the flush writes them without looking them up again). */
  private final Map<String, V> dirty = new HashMap<>();
  /** Whether a flush wrote values that the next commit makes visible to queries. */
  private boolean flushedSinceCommit;

  private WriteBackStore(KeyValueStore<Bytes, byte[]> stored, Serde<V> values, int maxClean) {
    this.stored = stored;
    this.positions = Objects.requireNonNull(FlushPositions.under(stored),
        "a write-back store is built on FlushPositions.persistent (its builder)");
    this.encoder = values.serializer();
    this.decoder = values.deserializer();
    this.maxClean = maxClean;
  }

  /**
   * A persistent, changelogged store of these values; at most {@code maxClean} unchanged values
   * kept in memory.
   */
  public static <V> StoreBuilder<WriteBackStore<V>> builder(String name, Serde<V> values, int maxClean) {
    return new Builder<>(Stores.keyValueStoreBuilder(FlushPositions.persistent(name), Serdes.Bytes(),
        Serdes.ByteArray()).withCachingDisabled(), values, maxClean);
  }

  // ---------------------------------------------------------------- the stream thread

  /** The value as it is now, changes since the last commit included; null when there is none. */
  public V current(String key) {
    V value = live.get(key);
    if (value == null) {
      value = decode(stored.get(bytes(key)));
      if (value != null) {
        live.put(key, value);
      }
    }
    return value;
  }

  /** Records that the key's value was changed (or created): it is written at the next commit. */
  public void changed(String key, V value) {
    live.put(key, value);
    dirty.put(key, value);
  }

  /** Writes every changed value, once: called by Kafka Streams before each commit. */
  @Override
  public void flushCache() {
    if (!dirty.isEmpty()) {
      // One batch: one RocksDB write batch and one metrics measurement, not one per key.
      List<KeyValue<Bytes, byte[]>> changes = new ArrayList<>(dirty.size());
      String name = stored.name(); // a chain of wrappers: asked once, not per value
      dirty.forEach((key, value) -> changes.add(KeyValue.pair(bytes(key), encoder.serialize(name, value))));
      positions.flushing(() -> stored.putAll(changes));
      dirty.clear();
      flushedSinceCommit = true; // visible to queries at the commit (commit() raises the version)
    }
    Iterator<Map.Entry<String, V>> oldest = live.entrySet().iterator();
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
    QueriedVersion.raise();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
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
    QueriedVersion.raise();
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    flushCache();
    stored.flush();
  }

  /**
   * After the commit's transaction: the writes of the flush before it become durable and what
   * queries see. Kafka Streams calls it with the changelog offsets they stand for; nothing is
   * flushed here (a write now would belong to the next transaction, not these offsets).
   */
  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    stored.commit(changelogOffsets);
    // Only a commit that makes written values visible changes what queries see: an idle task's
    // commit must not throw away the answers kept for the version (KeptTownRows, QueriedVersion).
    if (flushedSinceCommit) {
      flushedSinceCommit = false;
      QueriedVersion.raise();
    }
  }

  @Override
  public boolean managesOffsets() {
    return stored.managesOffsets();
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return stored.committedOffset(partition);
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return stored.approximateNumUncommittedBytes();
  }

  @Override
  public void close() {
    clearCache();
    stored.close();
    QueriedVersion.raise();
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

  /** What a query at this isolation level sees: under READ_COMMITTED, nothing staged for a commit not yet made. */
  @Override
  public ReadOnlyKeyValueStore<String, V> readOnly(IsolationLevel isolation) {
    return new Decoded<>(stored.readOnly(isolation), decoder, stored.name());
  }

  @Override
  public V get(String key) {
    return readOnly(IsolationLevel.READ_UNCOMMITTED).get(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return readOnly(IsolationLevel.READ_UNCOMMITTED).range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    return readOnly(IsolationLevel.READ_UNCOMMITTED).reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return readOnly(IsolationLevel.READ_UNCOMMITTED).all();
  }

  @Override
  public long approximateNumEntries() {
    return stored.approximateNumEntries();
  }

  private V decode(byte[] bytes) {
    return bytes == null ? null : decoder.deserialize(stored.name(), bytes);
  }

  private static Bytes bytes(String key) {
    return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String string(Bytes key) {
    return new String(key.get(), StandardCharsets.UTF_8);
  }

  /** The stored bytes read as values: keys as UTF-8 strings, values decoded. */
  private static final class Decoded<V> implements ReadOnlyKeyValueStore<String, V> {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> raw;
    private final Deserializer<V> decoder;
    private final String name;

    Decoded(ReadOnlyKeyValueStore<Bytes, byte[]> raw, Deserializer<V> decoder, String name) {
      this.raw = raw;
      this.decoder = decoder;
      this.name = name;
    }

    @Override
    public V get(String key) {
      return decode(raw.get(bytes(key)));
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
      return decoded(raw.range(bytes(from), bytes(to)));
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
      return decoded(raw.reverseRange(bytes(from), bytes(to)));
    }

    @Override
    public KeyValueIterator<String, V> all() {
      return decoded(raw.all());
    }

    @Override
    public long approximateNumEntries() {
      return raw.approximateNumEntries();
    }

    private V decode(byte[] bytes) {
      return bytes == null ? null : decoder.deserialize(name, bytes);
    }

    private KeyValueIterator<String, V> decoded(KeyValueIterator<Bytes, byte[]> it) {
      return new KeyValueIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<String, V> next() {
          KeyValue<Bytes, byte[]> next = it.next();
          return KeyValue.pair(string(next.key), decode(next.value));
        }

        @Override
        public String peekNextKey() {
          return string(it.peekNextKey());
        }

        @Override
        public void close() {
          it.close();
        }
      };
    }
  }

  /** Builds the store around an ordinary persistent store's builder: its changelog settings are the store's. */
  private static final class Builder<V> implements StoreBuilder<WriteBackStore<V>> {
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> stored;
    private final Serde<V> values;
    private final int maxClean;

    Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> stored, Serde<V> values, int maxClean) {
      this.stored = stored;
      this.values = values;
      this.maxClean = maxClean;
    }

    /** The store keeps its values in memory itself; a byte cache underneath would only copy them. */
    @Override
    public StoreBuilder<WriteBackStore<V>> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<V>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<V>> withLoggingEnabled(Map<String, String> config) {
      stored.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<V>> withLoggingDisabled() {
      stored.withLoggingDisabled();
      return this;
    }

    @Override
    public WriteBackStore<V> build() {
      return new WriteBackStore<>(stored.build(), values, maxClean);
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
}
