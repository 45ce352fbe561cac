package org.gongkai.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets, each read from one figure of the run and printed beside it with PASS or
 * MISS; none is asserted by a test. A limit is a number or another figure of the same run (the
 * processing rate against the naive count).
 */
final class Targets {
  private Targets() {}

  enum Status { PASS, MISS, NOT_MEASURED }

  /** {@code key} ≤ (or ≥) {@code limit}, or ≥ the figure {@code limitKey} when that is set. */
  record Target(String text, String key, boolean atMost, double limit, String limitKey, String unit) {
    static Target atMost(String text, String key, double limit, String unit) {
      return new Target(text, key, true, limit, null, unit);
    }

    static Target atLeast(String text, String key, double limit, String unit) {
      return new Target(text, key, false, limit, null, unit);
    }

    static Target atLeastFigure(String text, String key, String limitKey, String unit) {
      return new Target(text, key, false, Double.NaN, limitKey, unit);
    }
  }

  record Verdict(Target target, Double measured, Double limit, Status status, String note) {
    String measuredText() {
      return measured == null ? "not measured" : format(measured) + " " + target.unit()
          + (target.limitKey() != null && limit != null ? " (" + target.limitKey() + " " + format(limit) + ")" : "");
    }
  }

  static final List<Target> ALL = List.of(
      Target.atLeastFigure("processing at least as fast as the naive count of the same run",
          "processing_events_per_s", "naive_count_per_s", "events/s"),
      Target.atLeast("processing ≥ 50,000 events/s on the national dataset", "processing_events_per_s", 50_000, "events/s"),
      Target.atMost("app CPU ≤ 20 µs per event", "cpu_us_per_event", 20, "µs"),
      Target.atMost("freshness p99 ≤ 1 s under 5,000 events/s", "freshness_p99_ms", 1000, "ms"),
      Target.atMost("town report p99 ≤ 5 ms at 2,000 req/s", "town_p99_ms", 5, "ms"),
      Target.atMost("province report p99 ≤ 5 ms at 2,000 req/s", "province_p99_ms", 5, "ms"),
      Target.atMost("province town list p99 ≤ 50 ms at 200 req/s", "region_towns_p99_ms", 50, "ms"),
      Target.atMost("clean restart serves again within 10 s", "restart_s", 10, "s"),
      Target.atMost("lost state folder restored within 30 s", "restore_s", 30, "s"),
      Target.atMost("live heap ≤ 1 GiB", "live_heap_mb", 1024, "MB"),
      Target.atMost("peak RSS ≤ 1.5 GiB", "peak_rss_mb", 1536, "MB"));

  /**
   * Each target against the figures. {@code nationalDataset} is false for a sample of the towns:
   * the 50,000 events/s target is still judged, with a note that it is not the national dataset;
   * {@code notes} carries the run's conditions where they differ from the target's (rates).
   */
  static List<Verdict> judge(BenchFigures figures, boolean nationalDataset, java.util.Map<String, String> notes) {
    List<Verdict> out = new ArrayList<>();
    for (Target t : ALL) {
      Double measured = figures.number(t.key());
      Double limit = t.limitKey() != null ? figures.number(t.limitKey()) : Double.valueOf(t.limit());
      Status status;
      if (measured == null || limit == null) {
        status = Status.NOT_MEASURED;
      } else {
        status = (t.atMost() ? measured <= limit : measured >= limit) ? Status.PASS : Status.MISS;
      }
      String note = notes.getOrDefault(t.key(), "");
      if (t.limit() == 50_000 && !nationalDataset) {
        note = (note.isEmpty() ? "" : note + "; ") + "a sample of the towns, not the national dataset";
      }
      out.add(new Verdict(t, measured, limit, status, note));
    }
    return out;
  }

  static String format(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
