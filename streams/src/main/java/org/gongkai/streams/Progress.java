package org.gongkai.streams;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far this instance's streams have got: per input partition, the last event applied (its
 * offset and the time it was published), and a version that grows with every event applied, so
 * that a view can tell cheaply whether anything changed. Written by the stream threads, read by
 * the API; in memory only (a restarted instance starts from nothing until its first event).
 */
public final class Progress {
  /** The last event applied from one input partition. */
  public record Applied(int partition, long offset, Instant published, Instant applied) {}

  private final Map<Integer, Applied> partitions = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();

  /** Called by the stream thread once an event of the partition has been applied. */
  public void applied(int partition, long offset, long publishedMillis) {
    partitions.put(partition, new Applied(partition, offset, Instant.ofEpochMilli(publishedMillis), Instant.now()));
    version.incrementAndGet();
  }

  /** Grows with every event applied on this instance since it started. */
  public long version() {
    return version.get();
  }

  /** The last event applied per input partition, by partition. */
  public Map<Integer, Applied> partitions() {
    return new TreeMap<>(partitions);
  }

  /** When the newest event applied on this instance was published. */
  public Optional<Instant> newestPublished() {
    return partitions.values().stream().map(Applied::published).max(Instant::compareTo);
  }
}
