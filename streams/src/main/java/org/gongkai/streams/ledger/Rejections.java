package org.gongkai.streams.ledger;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.state.Rejection;

/**
 * Every rejected event of a known town, by source offset, so that the town's clerk can
 * look them up ({@code GET /api/v1/towns/{town}/rejections}); the dead-letter topic keeps the
 * same events whole, for operators. Keys sort by offset within a town (a town's events all travel in one partition).
 */
public final class Rejections {
  /** Of a huge rejected value, this much is kept here (the dead-letter topic has all of it). */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  private final KeyValueStore<String, Rejection> store;

  Rejections(KeyValueStore<String, Rejection> store) {
    this.store = store;
  }

  /** The key of a town's rejection: {@code town|offset}, the offset zero-padded to sort. */
  public static String key(String town, long offset) {
    return prefix(town) + String.format("%019d", offset);
  }

  /** Every key of the town's rejections starts so. */
  public static String prefix(String town) {
    return town + '|';
  }

  /** The year of an event that has no readable date: the year it was published in, China time. */
  static int yearPublished(long timestampMillis) {
    return Instant.ofEpochMilli(timestampMillis).atZone(EventChecks.CHINA).getYear();
  }

  void record(String town, int year, int partition, long offset, long published, Integer line, String batch,
      Verdict.Rejected rejected, byte[] value) {
    byte[] kept = value == null ? new byte[0] : value.length <= MAX_VALUE_BYTES ? value : Arrays.copyOf(value, MAX_VALUE_BYTES);
    store.put(key(town, offset), new Rejection(year, rejected.reason().code(), EventLedger.capped(rejected.message()),
        partition, offset, published, line, batch, ByteBuffer.wrap(kept), (long) (value == null ? 0 : value.length)));
  }
}
