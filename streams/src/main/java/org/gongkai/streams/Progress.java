package org.gongkai.streams;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.gongkai.streams.ledger.Disposition;

/**
 * How far this instance's streams have got: per input partition, the last event applied (its
 * offset and the time it was published); a version that grows with every event applied, so
 * that a view can tell cheaply whether anything changed; and how many events were accepted,
 * late, duplicates or rejected (by reason). Written by the stream threads, read by the API; in
 * memory only, from the instance's start (an event processed again after a crash counts again).
 */
public final class Progress {
  /** The last event applied from one input partition. */
  public record Applied(int partition, long offset, Instant published, Instant applied) {}

  /** The last event applied of one partition; written by its stream thread, read by the API. */
  private static final class Slot {
    volatile long offset;
    volatile long publishedMillis;
    volatile long appliedMillis;
  }

  private final Map<Integer, Slot> partitions = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
  private final Map<Disposition, LongAdder> dispositions = new EnumMap<>(Disposition.class);
  private final Map<String, LongAdder> rejectedByReason = new ConcurrentHashMap<>();

  public Progress() {
    for (Disposition disposition : Disposition.values()) {
      dispositions.put(disposition, new LongAdder());
    }
  }

  /**
   * Called by the stream thread once an event has been applied.
   *
   * @param reason the reason code of a rejected event, else null
   */
  public void applied(int partition, long offset, long publishedMillis, Disposition disposition, String reason) {
    if (partition >= 0) {
      // once per event: no allocation, one map lookup
      Slot slot = partitions.computeIfAbsent(partition, p -> new Slot());
      slot.offset = offset;
      slot.publishedMillis = publishedMillis;
      slot.appliedMillis = System.currentTimeMillis();
    }
    dispositions.get(disposition).increment();
    if (reason != null) {
      rejectedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }
    version.incrementAndGet();
  }

  /** Grows with every event applied on this instance since it started. */
  public long version() {
    return version.get();
  }

  /** The last event applied per input partition, by partition. */
  public Map<Integer, Applied> partitions() {
    Map<Integer, Applied> applied = new TreeMap<>();
    partitions.forEach((partition, slot) -> applied.put(partition, new Applied(partition, slot.offset,
        Instant.ofEpochMilli(slot.publishedMillis), Instant.ofEpochMilli(slot.appliedMillis))));
    return applied;
  }

  /** When the newest event applied on this instance was published. */
  public Optional<Instant> newestPublished() {
    return partitions.values().stream().map(slot -> Instant.ofEpochMilli(slot.publishedMillis)).max(Instant::compareTo);
  }

  /** Events applied since the instance started, by what became of them. */
  public long count(Disposition disposition) {
    return dispositions.get(disposition).sum();
  }

  /** Rejected events since the instance started, by reason code. */
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> counts = new TreeMap<>();
    rejectedByReason.forEach((reason, count) -> counts.put(reason, count.sum()));
    return counts;
  }
}
