package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCacheTest {
  private static final ReportAnswer ANSWER = new ReportAnswer(new byte[] {'{', '}'}, "application/json");

  @Test
  void shouldKeepReportsAskedAgainAndAgainWhileThousandsOfOneOffReportsPassThrough() {
    // A dashboard's places, asked again and again, and a monitor paging through random towns
    // between them: more one-off towns between two asks of a place than the cache holds, which
    // a least-recently-used bound answers by forgetting the places.
    ReportCache cache = new ReportCache(100);
    List<ReportCache.Key> places = new ArrayList<>();
    for (int county = 0; county < 80; county++) {
      places.add(new ReportCache.Key(Integer.toString(360_900 + county), 2024, "json"));
    }
    int oneOffs = 0;
    for (int round = 0; round < 100; round++) {
      for (ReportCache.Key place : places) {
        if (cache.get(place) == null) {
          assertTrue(round < 3, "round " + round + ": " + place.code() + " was forgotten for one-off towns");
          cache.put(place, new ReportCache.Entry(null, ANSWER));
        }
      }
      for (int i = 0; i < 50; i++, oneOffs++) {
        ReportCache.Key town = new ReportCache.Key(Integer.toString(360_000_000 + oneOffs), 2024, "json");
        assertNull(cache.get(town));
        cache.put(town, new ReportCache.Entry(null, ANSWER));
      }
    }
    assertTrue(cache.size() <= 100, "at most the bound is kept, got " + cache.size());
  }

  @Test
  void shouldReplaceAnAnswerPutAgainUnderTheSameKey() {
    ReportCache cache = new ReportCache(10);
    ReportCache.Key town = new ReportCache.Key("360923105", 2020, "json");
    ReportAnswer newer = new ReportAnswer(new byte[] {'[', ']'}, "application/json");
    cache.put(town, new ReportCache.Entry(null, ANSWER));
    cache.put(town, new ReportCache.Entry(null, newer));
    assertEquals(newer, cache.get(town).answer());
    assertEquals(1, cache.size());
  }
}
