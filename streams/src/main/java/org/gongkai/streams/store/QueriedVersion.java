package org.gongkai.streams.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Grows whenever what interactive queries see of the tally stores in this JVM may have changed:
 * a commit that made values visible, a store opened, closed, cleared or rebuilt. An answer kept
 * while it stays the same is exactly as fresh as the stores (read it before building the answer).
 */
public final class QueriedVersion {
  private static final AtomicLong VERSION = new AtomicLong();

  private QueriedVersion() {}

  /** The version of what queries see now. */
  public static long current() {
    return VERSION.get();
  }

  /** Says that what queries see may have changed: answers kept until now are out of date. */
  public static void raise() {
    VERSION.incrementAndGet();
  }
}
