package org.gongkai.streams.rollup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.gongkai.state.YearTally;
import org.gongkai.streams.store.QueriedVersion;
import org.gongkai.streams.store.ReadAsOne;
import org.gongkai.streams.tally.TallyCells;
import org.gongkai.streams.tally.TallyKey;
import org.gongkai.streams.tally.YearTallySerde;

/**
 * A task's partial sums of the regions above its towns (county, city, province) by year, key
 * {@code region|year}: what the task's town tallies add up to, region by region. They live in
 * memory only, never stored or logged: whenever the task starts processing (first start,
 * restart, restore, a move to this instance, a lost transaction) the ledger rebuilds them from
 * the task's town tallies ({@link #rebuild}), and every change it makes to a town's tally it
 * makes to them too ({@code TallyBook}). So a commit writes nothing for them, where a stored
 * partial cost an encoded value, a RocksDB write and a changelog record for every region a
 * commit touched: more records than the towns' own.
 *
 * <p>Queries read the partials as of the last commit, encoded ({@link #published}), and only
 * when someone asks: the partials a commit changed are published for queries at that commit when
 * a query came in the last {@link #KEEP_PUBLISHING_NANOS} (a dashboard watching), otherwise they
 * wait ({@link #commit}). A query that finds committed changes unpublished publishes them itself
 * when the stream thread has changed nothing since the commit, and otherwise waits for the next
 * commit, which publishes them ({@link #catchUp}). So a replay that nobody watches encodes no
 * partial at all (it was 14% of the stream thread's time, every commit encoding every region it
 * touched), and a query still sees every commit made before it asked. What is published is
 * always the partials of a commit, after its transaction: a figure that a lost transaction takes
 * back is never served. Until the task's partials are rebuilt, queries are refused (503), never
 * answered from part of the towns.
 *
 * <p>The stream thread changes {@link #working} without a lock; it takes the lock once after each
 * commit, as it starts changing again ({@link #current}), so a query never encodes a partial
 * the thread is changing.
 */
public final class RegionPartials implements StateStore, ReadOnlyKeyValueStore<String, YearTally> {
  private final String name;
  /** After a query, every commit publishes its changes for this long: a watched task's queries never wait. */
  static final long KEEP_PUBLISHING_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** How long a query waits for the next commit to publish; then it reads the partials of an older commit. */
  static final long CATCH_UP_WAIT_MILLIS = 2_000;

  /** The partials as the stream thread changes them. */
  private final Map<String, YearTally> working = new HashMap<>();
  /** The keys changed since the last publication (by committed changes, and since the last commit by others). */
  private final Set<String> unpublished = new HashSet<>();
  /**
   * The partials as of a commit, for queries, encoded: a snapshot of a partial is a few hundred
   * bytes, where a copy of the object would be a tally's dozen arrays, most of them zeros,
   * promoted and thrown away at the pace of the commits.
   */
  private final NavigableMap<String, byte[]> published = new ConcurrentSkipListMap<>();
  /** Guards publishing, and the stream thread's start of changes after a commit. */
  private final Object lock = new Object();
  /** The stream thread has changed partials since the last commit: they may not be published now. */
  private volatile boolean changing;
  /** A commit changed partials that are not published yet. */
  private volatile boolean behind;
  /** A query waits for the next commit to publish. */
  private volatile boolean wanted;
  /** When a query last asked (System.nanoTime). */
  private volatile long lastAsked = System.nanoTime() - KEEP_PUBLISHING_NANOS;
  private volatile boolean open;
  private volatile boolean built;

  private RegionPartials(String name) {
    this.name = name;
  }

  /** The store under this name: in memory, not logged (it is rebuilt, not restored). */
  public static StoreBuilder<RegionPartials> builder(String name) {
    return new Builder(name);
  }

  /** How interactive queries ask for the partials: {@code StoreQueryParameters.fromNameAndType(name, type())}. */
  public static QueryableStoreType<ReadOnlyKeyValueStore<String, YearTally>> type() {
    return new QueryableStoreType<>() {
      @Override
      public boolean accepts(StateStore store) {
        return store instanceof RegionPartials;
      }

      @Override
      public ReadOnlyKeyValueStore<String, YearTally> create(StateStoreProvider provider, String storeName) {
        return new ReadAsOne<>(List.copyOf(provider.stores(storeName, this)));
      }
    };
  }

  // ---------------------------------------------------------------- the stream thread

  /**
   * Sets the partials to the sums of these town tallies (key {@code town|year}): all the task's
   * towns, as the task starts processing. Queries see them at once.
   *
   * @return how many town tallies were added up
   */
  public int rebuild(Iterator<KeyValue<String, YearTally>> townTallies) {
    synchronized (lock) {
      return rebuildLocked(townTallies);
    }
  }

  private int rebuildLocked(Iterator<KeyValue<String, YearTally>> townTallies) {
    working.clear();
    unpublished.clear();
    int read = 0;
    while (townTallies.hasNext()) {
      read++;
      KeyValue<String, YearTally> next = townTallies.next();
      int year = TallyKey.year(next.key);
      for (String region : RegionCodes.above(TallyKey.code(next.key))) {
        TallyCells.addInto(working, TallyKey.of(region, year), next.value);
      }
    }
    published.clear();
    working.forEach((key, partial) -> published.put(key, YearTallySerde.encode(partial)));
    changing = false;
    behind = false;
    built = true;
    QueriedVersion.raise();
    return read;
  }

  /**
   * The partial as it is now, changes since the last commit included; null when there is none.
   * The stream thread reads a partial here before it changes it (and then calls {@link #changed}).
   */
  public YearTally current(String key) {
    if (!changing) {
      synchronized (lock) { // once per commit: no query publishes from here until the next commit
        changing = true;
      }
    }
    return working.get(key);
  }

  /** Records that the key's partial was changed (or created): queries see it after the next commit. */
  public void changed(String key, YearTally partial) {
    working.put(key, partial);
    unpublished.add(key);
  }

  /**
   * After the commit's transaction: the partials as they are now are the partials of the town
   * tallies it committed (nothing is processed between the commit's flush and this call). They
   * are published now if a query waits or came lately, otherwise when one comes.
   */
  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    synchronized (lock) {
      changing = false;
      if (unpublished.isEmpty()) {
        return;
      }
      if (wanted || System.nanoTime() - lastAsked < KEEP_PUBLISHING_NANOS) {
        publish();
      } else {
        behind = true;
      }
    }
  }

  /** Makes the partials changed since the last publication what queries see; under the lock, nothing changing. */
  private void publish() {
    for (String key : unpublished) {
      published.put(key, YearTallySerde.encode(working.get(key)));
    }
    unpublished.clear();
    behind = false;
    wanted = false;
    QueriedVersion.raise();
    lock.notifyAll();
  }

  /**
   * For a query that found committed partials unpublished: publishes them when the stream thread
   * has changed nothing since the commit (the thread may be idle), else waits for the next commit
   * to publish them, at most {@link #CATCH_UP_WAIT_MILLIS} (a commit can be held up, brokers down:
   * then the query reads the partials of an older commit, which it saw before).
   */
  private void catchUp() {
    synchronized (lock) {
      if (!behind) {
        return;
      }
      if (!changing) {
        publish();
        return;
      }
      wanted = true;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_WAIT_MILLIS);
      try {
        for (long left = CATCH_UP_WAIT_MILLIS; behind && open && left > 0;
            left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
          lock.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------- Kafka Streams

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forget();
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    open = false;
    forget();
  }

  private void forget() {
    synchronized (lock) {
      built = false;
      working.clear();
      unpublished.clear();
      published.clear();
      changing = false;
      behind = false;
      wanted = false;
      lock.notifyAll();
    }
    QueriedVersion.raise();
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  // ---------------------------------------------------------------- interactive queries: the last commit's partials

  @Override
  public YearTally get(String key) {
    return YearTallySerde.decode(queryable().get(key));
  }

  @Override
  public KeyValueIterator<String, YearTally> range(String from, String to) {
    return iterator(queryable().subMap(from, true, to, true));
  }

  @Override
  public KeyValueIterator<String, YearTally> reverseRange(String from, String to) {
    return iterator(queryable().subMap(from, true, to, true).descendingMap());
  }

  @Override
  public KeyValueIterator<String, YearTally> all() {
    return iterator(queryable());
  }

  @Override
  public long approximateNumEntries() {
    return published.size();
  }

  /** The partials of the last commit, or of an older one when the next cannot publish in time ({@link #catchUp}). */
  private NavigableMap<String, byte[]> queryable() {
    refuseUnlessBuilt();
    lastAsked = System.nanoTime();
    if (behind) {
      catchUp();
      refuseUnlessBuilt(); // the task may have been closed while the query waited
    }
    return published;
  }

  /** Whether a query waits for the next commit to publish (for tests). */
  boolean waitingForCommit() {
    return wanted;
  }

  private void refuseUnlessBuilt() {
    if (!open || !built) {
      throw new NotRebuilt("the partial sums of store " + name
          + " are being rebuilt from the town tallies; try again in a moment");
    }
  }

  /**
   * The task's partials are not there yet: it was just (re)started and has not finished
   * restoring (while brokers are down, that lasts). Its town tallies may answer meanwhile
   * ({@link #sumOfTowns}).
   */
  public static final class NotRebuilt extends InvalidStateStoreException {
    NotRebuilt(String message) {
      super(message);
    }
  }

  /**
   * A region's partials by year up to the report year, added up from the task's town tallies
   * (what {@link #rebuild} does for all regions): for a query while the partials are being
   * rebuilt. It reads every town of the region in the task, so it is slower than the partials.
   */
  public static NavigableMap<Integer, YearTally> sumOfTowns(ReadOnlyKeyValueStore<String, YearTally> townTallies,
      String region, int year) {
    NavigableMap<Integer, YearTally> sums = new TreeMap<>();
    // Town keys are the 9-digit code, '|', the year: those of the region's towns sort between the
    // region's code and the code followed by ':' (the character after '9').
    try (KeyValueIterator<String, YearTally> towns = townTallies.range(region, region + ':')) {
      while (towns.hasNext()) {
        KeyValue<String, YearTally> next = towns.next();
        int tallyYear = TallyKey.year(next.key);
        if (tallyYear <= year) {
          TallyCells.addInto(sums, tallyYear, next.value);
        }
      }
    }
    return sums;
  }

  private static KeyValueIterator<String, YearTally> iterator(NavigableMap<String, byte[]> entries) {
    Iterator<Map.Entry<String, byte[]>> it = entries.entrySet().iterator();
    return new KeyValueIterator<>() {
      private Map.Entry<String, byte[]> peeked;

      @Override
      public boolean hasNext() {
        return peeked != null || it.hasNext();
      }

      @Override
      public KeyValue<String, YearTally> next() {
        Map.Entry<String, byte[]> next = peeked != null ? peeked : it.next();
        peeked = null;
        return KeyValue.pair(next.getKey(), YearTallySerde.decode(next.getValue()));
      }

      @Override
      public String peekNextKey() {
        if (peeked == null) {
          peeked = it.next();
        }
        return peeked.getKey();
      }

      @Override
      public void close() {}
    };
  }

  /** Builds the store; it is never logged or cached (it is rebuilt from the town tallies). */
  private static final class Builder implements StoreBuilder<RegionPartials> {
    private final String name;

    Builder(String name) {
      this.name = name;
    }

    @Override
    public StoreBuilder<RegionPartials> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<RegionPartials> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<RegionPartials> withLoggingEnabled(Map<String, String> config) {
      throw new UnsupportedOperationException("region partials are rebuilt from the town tallies, never logged");
    }

    @Override
    public StoreBuilder<RegionPartials> withLoggingDisabled() {
      return this;
    }

    @Override
    public RegionPartials build() {
      return new RegionPartials(name);
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }

    @Override
    public String name() {
      return name;
    }
  }
}
