package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReportCacheTest {
  private static final ReportAnswer ANSWER = new ReportAnswer(new byte[] {'{', '}'}, "application/json");

  @Test
  void shouldForgetTheLeastRecentlyAskedAnswerWhenFull() {
    ReportCache cache = new ReportCache(2);
    ReportCache.Key first = new ReportCache.Key("360923105", 2020, "json");
    ReportCache.Key second = new ReportCache.Key("360923106", 2020, "json");
    ReportCache.Key third = new ReportCache.Key("360923107", 2020, "json");
    cache.put(first, new ReportCache.Entry(null, ANSWER));
    cache.put(second, new ReportCache.Entry(null, ANSWER));
    cache.get(first);
    cache.put(third, new ReportCache.Entry(null, ANSWER));
    assertNull(cache.get(second));
    assertNotNull(cache.get(first));
    assertNotNull(cache.get(third));
  }
}
