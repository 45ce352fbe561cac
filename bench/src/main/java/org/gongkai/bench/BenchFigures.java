package org.gongkai.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a run by a stable key, for {@code --json FILE}: a script checks a run with
 * {@code jq .processing_events_per_s} instead of parsing the markdown. The {@link #REQUIRED} keys
 * are always written, {@code null} when the run did not measure them (a skipped phase); the
 * PostgreSQL keys only when that anchor ran. Times are in the unit their key names.
 */
final class BenchFigures {
  static final List<String> REQUIRED = List.of(
      "events", "processing_events_per_s", "cpu_us_per_event", "raw_ceiling_per_s", "naive_count_per_s",
      "freshness_p50_ms", "freshness_p99_ms", "town_p99_ms", "province_p99_ms", "region_towns_p99_ms",
      "restart_s", "restore_s", "live_heap_mb", "peak_rss_mb");
  static final List<String> POSTGRES = List.of(
      "postgres_load_s", "postgres_query_s", "postgres_town_query_p99_ms");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Object> values = new LinkedHashMap<>();

  BenchFigures() {
    REQUIRED.forEach(k -> values.put(k, null));
  }

  /** A figure; NaN and infinities (nothing measured) are kept as null. */
  BenchFigures put(String key, Number value) {
    boolean missing = value == null || (value instanceof Double d && (d.isNaN() || d.isInfinite()));
    values.put(key, missing ? null : value);
    return this;
  }

  BenchFigures put(String key, String value) {
    values.put(key, value);
    return this;
  }

  BenchFigures put(String key, boolean value) {
    values.put(key, value);
    return this;
  }

  /** The figure as a double, or null when it is not there or not a number. */
  Double number(String key) {
    return values.get(key) instanceof Number n ? n.doubleValue() : null;
  }

  /** The run's description under {@code run}, the figures at the top level, the targets under {@code targets}. */
  ObjectNode toJson(Map<String, Object> run, List<Targets.Verdict> verdicts) {
    ObjectNode root = JSON.createObjectNode();
    root.set("run", JSON.valueToTree(run));
    values.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    ArrayNode targets = root.putArray("targets");
    for (Targets.Verdict v : verdicts) {
      ObjectNode t = targets.addObject();
      t.put("target", v.target().text());
      t.put("key", v.target().key());
      t.set("measured", JSON.valueToTree(v.measured()));
      t.set("limit", JSON.valueToTree(v.limit()));
      t.put("status", v.status().name());
    }
    return root;
  }

  void write(Path file, Map<String, Object> run, List<Targets.Verdict> verdicts) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), toJson(run, verdicts));
  }
}
