package org.gongkai.api.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gongkai.api.crash.AppProcess;
import org.gongkai.api.crash.Drill;

/**
 * Reads reports all through the run, as the public does, from every instance that is up, and
 * checks what it is served: a report is 200 with figures that are never above the oracle's final
 * ones and never go down from one poll to the next (nothing served is later taken back: an event
 * counted stays counted), 404 only before it was ever served, or 503 with Retry-After while its
 * stores are moving; nothing else. It measures how long each report was unavailable at a stretch.
 */
final class ReportWatch implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The cells that only grow as events come: counts of events. */
  private static final List<String> GROWING = List.of("events.accepted", "events.duplicates", "events.rejected",
      "events.late");

  private final Map<String, Map<String, Object>> finals;
  private final List<String> paths;
  private final Set<AppProcess> live = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Long>> highest = new HashMap<>();
  private final Map<String, Long> unavailableSince = new HashMap<>();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private volatile long longestMillis;
  private volatile String longestPath = "";
  /** When the longest stretch began and ended, and what a 503 answered during it. */
  private volatile String longestWhen = "";
  private final Map<String, String> unavailableWhy = new HashMap<>();
  private volatile long polls;
  private volatile long unavailableAnswers;
  private volatile boolean stopped;

  /** @param finals the oracle's final figures of each watched path (null: no report at the end) */
  ReportWatch(Map<String, Map<String, Object>> finals) {
    this.finals = finals;
    this.paths = List.copyOf(finals.keySet());
  }

  void up(AppProcess app) {
    live.add(app);
  }

  /** Called before an instance is stopped: what it answers while it goes is not the public's view. */
  void down(AppProcess app) {
    live.remove(app);
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    int next = 0;
    while (!stopped) {
      String path = paths.get(next++ % paths.size());
      boolean available = false;
      boolean asked = false;
      for (AppProcess app : List.copyOf(live)) {
        HttpResponse<String> answer;
        try {
          answer = app.get(path);
        } catch (IOException e) {
          if (live.contains(app)) {
            unavailableAnswers++;
            asked = true;
          }
          continue;
        } catch (InterruptedException e) {
          return;
        }
        if (!live.contains(app)) {
          continue;
        }
        asked = true;
        polls++;
        int before = violations.size();
        available |= check(path, answer);
        if (violations.size() > before) {
          violations.add("  (" + path + " asked of the instance on port " + app.port() + " at " + java.time.Instant.now() + ")");
        }
      }
      if (asked) {
        track(path, available);
      }
    }
  }

  /** Whether the path was served; a wrong answer is a violation. */
  private boolean check(String path, HttpResponse<String> answer) {
    int status = answer.statusCode();
    if (status == 503) {
      unavailableAnswers++;
      unavailableWhy.putIfAbsent(path, answer.body());
      if (answer.headers().firstValue("Retry-After").isEmpty()) {
        violations.add(path + ": 503 without Retry-After");
      }
      return false;
    }
    if (status == 404) {
      if (highest.containsKey(path)) {
        violations.add(path + ": 404 after it was served");
      }
      return true;
    }
    if (status != 200) {
      violations.add(path + ": " + status + " " + answer.body());
      return false;
    }
    Map<String, Object> served;
    try {
      served = Drill.flat(JSON.readTree(answer.body()), path.contains("/regions/"));
    } catch (IOException e) {
      violations.add(path + ": unreadable " + e.getMessage());
      return false;
    }
    Map<String, Object> last = finals.get(path);
    Map<String, Long> seen = highest.computeIfAbsent(path, p -> new HashMap<>());
    for (String cell : GROWING) {
      long value = ((Number) served.get(cell)).longValue();
      long max = last == null ? 0 : ((Number) last.get(cell)).longValue();
      if (value > max) {
        violations.add(path + " " + cell + ": served " + value + ", above the oracle's final " + max);
      }
      Long before = seen.get(cell);
      if (before != null && value < before) {
        violations.add(path + " " + cell + ": served " + value + " after " + before + " (taken back)");
      }
      seen.merge(cell, value, Math::max);
    }
    return true;
  }

  private void track(String path, boolean available) {
    long now = System.currentTimeMillis();
    if (!available) {
      unavailableSince.putIfAbsent(path, now);
      return;
    }
    Long since = unavailableSince.remove(path);
    String why = unavailableWhy.remove(path);
    if (since != null && now - since > longestMillis) {
      longestMillis = now - since;
      longestPath = path;
      longestWhen = java.time.Instant.ofEpochMilli(since) + " to " + java.time.Instant.ofEpochMilli(now)
          + (why == null ? ", no answer" : ", first 503: " + why);
    }
  }

  List<String> violations() {
    return new ArrayList<>(violations);
  }

  Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("reports watched", (long) paths.size());
    figures.put("watch polls answered", polls);
    figures.put("watch answers 503 or no answer", unavailableAnswers);
    figures.put("longest unavailability of a watched report", longestMillis + " ms (" + longestPath + ", " + longestWhen + ")");
    return figures;
  }

  long longestMillis() {
    return longestMillis;
  }
}
