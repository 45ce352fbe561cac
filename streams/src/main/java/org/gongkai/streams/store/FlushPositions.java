package org.gongkai.streams.store;

import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The RocksDB store under a {@link WriteBackStore}, passed through unchanged but for one thing:
 * while the write-back store's flush writes its batch ({@link #flushing}), the changelog is
 * given an empty position instead of the store's.
 *
 * <p>Why: Kafka Streams 4.4 logs each record of a batch with {@code wrapped().getPosition()},
 * and the transactional RocksDB store answers that with a deep copy of its position merged with
 * its uncommitted deltas (new concurrent maps, under a lock), for every record. The changelog
 * uses the position only for the offset vectors of IQv2 consistency
 * ({@code __iq.consistency.offset.vector.enabled__}, off by default, never set by Gongkai); when
 * it is on, the real position is given. On the national replay those copies were 12% of the
 * stream thread's time and 15% of all allocation. Everyone else (queries, Kafka Streams outside
 * the flush) gets the real position.
 */
final class FlushPositions extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
    implements KeyValueStore<Bytes, byte[]> {
  /** Never changed: the changelog only passes it on when the offset vectors are off (then it ignores it). */
  private final Position unused = Position.emptyPosition();
  /** The thread writing the flush's batch, or null. */
  private volatile Thread flushing;
  private boolean offsetVectors;

  private FlushPositions(KeyValueStore<Bytes, byte[]> rocks) {
    super(rocks);
  }

  /** Kafka's persistent key-value store, with this around each store it makes. */
  static KeyValueBytesStoreSupplier persistent(String name) {
    KeyValueBytesStoreSupplier rocks = org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return rocks.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new FlushPositions(rocks.get());
      }

      @Override
      public String metricsScope() {
        return rocks.metricsScope();
      }
    };
  }

  /** The one around the store underneath these wrappers (metered, change-logging), or null. */
  static FlushPositions under(StateStore store) {
    return store instanceof WrappedStateStore<?, ?, ?> wrapper ? wrapper.findInner(FlushPositions.class) : null;
  }

  /** Writes the batch through the store above this one (which logs each record). */
  void flushing(Runnable write) {
    flushing = Thread.currentThread();
    try {
      write.run();
    } finally {
      flushing = null;
    }
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    offsetVectors = StreamsConfig.InternalConfig.getBoolean(context.appConfigs(),
        StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, false);
    super.init(context, root);
  }

  @Override
  public Position getPosition() {
    return !offsetVectors && flushing == Thread.currentThread() ? unused : super.getPosition();
  }

  // ---------------------------------------------------------------- passed through

  @Override
  public void put(Bytes key, byte[] value) {
    wrapped().put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return wrapped().putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    wrapped().putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return wrapped().delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return wrapped().reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolation) {
    return wrapped().readOnly(isolation);
  }
}
