package org.gongkai.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: each client may make {@code burst} requests at once and
 * {@code ratePerSecond} a second after that. A request takes a token; tokens come back
 * continuously at the rate, up to the burst.
 *
 * <p>Hand-written rather than a library (Bucket4j would do): it is one refill formula and a map,
 * and what matters here is what a library would leave to us anyway, that the map stays bounded
 * while clients come and go. A bucket that has refilled to the brim says nothing a new bucket
 * would not, so idle buckets are dropped on a sweep every few seconds; and if more than
 * {@link #MAX_CLIENTS} clients are active at once (a flood of addresses), the ones beyond share
 * one bucket instead of growing the map.
 *
 * <p>Thread-safe: buckets are locked one at a time, never the map.
 */
public final class TokenBucketLimiter {
  static final int MAX_CLIENTS = 100_000;
  static final String OVERFLOW = "(overflow)";
  private static final long SWEEP_EVERY_NANOS = 5_000_000_000L;

  private final double tokensPerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  /**
   * @param ratePerSecond tokens a client gets back per second, more than 0
   * @param burst the most tokens a client can hold, at least 1
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public TokenBucketLimiter(double ratePerSecond, double burst, LongSupplier nanoClock) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("the rate must be a number of requests per second above 0, was " + ratePerSecond);
    }
    if (!(burst >= 1) || Double.isInfinite(burst)) {
      throw new IllegalArgumentException("the burst must be at least 1 request, was " + burst);
    }
    this.tokensPerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.lastSweep = nanoClock.getAsLong();
  }

  /**
   * Takes a token for the client if it has one.
   *
   * @return 0 when the request may go ahead, else the nanoseconds until the client has a token
   */
  public long acquire(String client) {
    long now = nanoClock.getAsLong();
    sweepIfDue(now);
    String key = buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client) ? OVERFLOW : client;
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (bucket) {
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano));
    }
  }

  /** How many clients have a bucket now (for tests and metrics). */
  public int clients() {
    return buckets.size();
  }

  private void refill(Bucket bucket, long now) {
    long elapsed = now - bucket.updated;
    if (elapsed > 0) {
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * tokensPerNano);
      bucket.updated = now;
    }
  }

  private void sweepIfDue(long now) {
    long last = lastSweep;
    if (now - last < SWEEP_EVERY_NANOS && buckets.size() < MAX_CLIENTS) {
      return;
    }
    lastSweep = now;
    buckets.forEach((client, bucket) -> {
      synchronized (bucket) {
        refill(bucket, now);
        if (bucket.tokens >= burst) {
          buckets.remove(client, bucket);
        }
      }
    });
  }
}
