package org.gongkai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --json file: every required key, numbers as numbers, unmeasured as null, and the target verdicts. */
class BenchFiguresTest {
  @TempDir
  Path dir;

  @Test
  void everyRequiredKeyIsWrittenAndUnmeasuredOnesAreNull() throws Exception {
    BenchFigures f = new BenchFigures().put("events", 194_992L).put("processing_events_per_s", 13_763.5)
        .put("freshness_p99_ms", Double.NaN).put("postgres_load_s", 3.25);
    Path file = dir.resolve("out/run.json");
    f.write(file, Map.of("label", "quick"), Targets.judge(f, false, Map.of()));

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    for (String key : BenchFigures.REQUIRED) {
      assertTrue(json.has(key), "missing " + key);
    }
    assertEquals(194_992L, json.get("events").asLong());
    assertTrue(json.get("processing_events_per_s").isNumber());
    assertEquals(13_763.5, json.get("processing_events_per_s").asDouble());
    assertTrue(json.get("freshness_p99_ms").isNull(), "NaN is written as null");
    assertTrue(json.get("restart_s").isNull());
    assertEquals(3.25, json.get("postgres_load_s").asDouble());
    assertEquals("quick", json.path("run").path("label").asText());
    assertEquals(Targets.ALL.size(), json.get("targets").size());
  }

  @Test
  void targetVerdictsAreWrittenWithMeasuredLimitAndStatus() throws Exception {
    BenchFigures f = new BenchFigures().put("processing_events_per_s", 20_000.0).put("naive_count_per_s", 30_000.0)
        .put("town_p99_ms", 4.0);
    JsonNode json = f.toJson(Map.of(), Targets.judge(f, true, Map.of()));
    JsonNode first = json.get("targets").get(0);
    assertEquals("processing_events_per_s", first.get("key").asText());
    assertEquals(20_000.0, first.get("measured").asDouble());
    assertEquals(30_000.0, first.get("limit").asDouble());
    assertEquals("MISS", first.get("status").asText());
    JsonNode town = find(json, "town_p99_ms");
    assertEquals("PASS", town.get("status").asText());
    assertTrue(find(json, "restore_s").get("measured").isNull());
    assertEquals("NOT_MEASURED", find(json, "restore_s").get("status").asText());
  }

  private static JsonNode find(JsonNode json, String key) {
    for (JsonNode t : json.get("targets")) {
      if (t.get("key").asText().equals(key)) {
        return t;
      }
    }
    throw new AssertionError("no target for " + key);
  }

  @Test
  void atMostAndAtLeastTargetsJudgeTheirBoundsInclusively() {
    BenchFigures f = new BenchFigures().put("cpu_us_per_event", 20.0).put("peak_rss_mb", 1536.5)
        .put("processing_events_per_s", 50_000.0).put("naive_count_per_s", 50_000.0);
    List<Targets.Verdict> v = Targets.judge(f, false, Map.of("peak_rss_mb", "a note"));
    assertEquals(Targets.Status.PASS, verdict(v, "cpu_us_per_event").status());
    assertEquals(Targets.Status.MISS, verdict(v, "peak_rss_mb").status());
    assertEquals("a note", verdict(v, "peak_rss_mb").note());
    assertTrue(v.stream().filter(x -> x.target().key().equals("processing_events_per_s")).allMatch(x -> x.status() == Targets.Status.PASS));
    assertTrue(v.stream().anyMatch(x -> x.note().contains("not the national dataset")), "a sample says so");
  }

  private static Targets.Verdict verdict(List<Targets.Verdict> v, String key) {
    return v.stream().filter(x -> x.target().key().equals(key)).findFirst().orElseThrow();
  }
}
