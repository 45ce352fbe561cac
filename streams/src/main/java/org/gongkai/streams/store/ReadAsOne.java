package org.gongkai.streams.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The stores of several tasks of an instance, read as one (keys are unique to a partition, or summed by the caller). */
public final class ReadAsOne<V> implements ReadOnlyKeyValueStore<String, V> {
  private final List<ReadOnlyKeyValueStore<String, V>> stores;

  public ReadAsOne(List<ReadOnlyKeyValueStore<String, V>> stores) {
    this.stores = stores;
  }

  @Override
  public V get(String key) {
    for (ReadOnlyKeyValueStore<String, V> store : stores) {
      V value = store.get(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return concat(store -> store.range(from, to));
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    return concat(store -> store.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return concat(ReadOnlyKeyValueStore::all);
  }

  @Override
  public long approximateNumEntries() {
    return stores.stream().mapToLong(ReadOnlyKeyValueStore::approximateNumEntries).sum();
  }

  private KeyValueIterator<String, V> concat(
      Function<ReadOnlyKeyValueStore<String, V>, KeyValueIterator<String, V>> open) {
    List<KeyValue<String, V>> all = new ArrayList<>();
    Set<KeyValueIterator<String, V>> opened = new HashSet<>();
    try {
      for (ReadOnlyKeyValueStore<String, V> store : stores) {
        KeyValueIterator<String, V> it = open.apply(store);
        opened.add(it);
        it.forEachRemaining(all::add);
      }
    } finally {
      opened.forEach(KeyValueIterator::close);
    }
    Iterator<KeyValue<String, V>> read = all.iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return read.hasNext();
      }

      @Override
      public KeyValue<String, V> next() {
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
