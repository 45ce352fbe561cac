package org.gongkai.api.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code gongkai run} as a user starts it (a JVM of its own, its embedded broker, a fresh data
 * dir): the API answers at once and says the data is a demo; the history loads in the background,
 * every event accepted, and the province's towns are final for the last closed year.
 */
class DemoRunEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LOADED = Pattern.compile("demo history loaded: (\\d+) events, (\\d+) towns");
  private static final DivisionRegistry REGISTRY = DivisionRegistry.load();
  private static Path dir;
  private static Path log;
  private static Process app;
  private static int port;
  private static JsonNode aboutAtStart;
  private static Matcher loaded;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "demo-run");
    log = dir.resolve("app.log");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"), "org.gongkai.api.Main", "run",
        "--data-dir", dir.resolve("data").toAbsolutePath().toString(), "--host", "localhost", "--port", Integer.toString(port)))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("GONGKAI_"));
    builder.environment().put("GONGKAI_RATE_LIMIT", "0");
    app = builder.start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (aboutAtStart == null) {
      assertTrue(app.isAlive() && Instant.now().isBefore(deadline), "the app did not start\n" + tail());
      try {
        HttpResponse<String> about = get("/api/v1/about");
        if (about.statusCode() == 200) {
          aboutAtStart = JSON.readTree(about.body());
        }
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    // A shared 2-core machine: generous, the log says how long it really took.
    deadline = Instant.now().plus(Duration.ofMinutes(8));
    while (loaded == null) {
      assertTrue(app.isAlive() && Instant.now().isBefore(deadline), "the demo history did not load\n" + tail());
      Matcher matcher = LOADED.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (matcher.find()) {
        loaded = matcher;
      } else {
        Thread.sleep(500);
      }
    }
    System.out.println(Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("demo history")).reduce((a, b) -> b).orElse(""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.destroy(); // SIGTERM: the app stops its streams and broker cleanly
      if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        app.destroyForcibly().waitFor();
      }
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void shouldSayTheDataIsADemoWhenTheApiAnswersAtStart() {
    DemoHistory.Summary expected = DemoHistory.of(REGISTRY).summary();
    JsonNode demo = aboutAtStart.path("demo");
    assertEquals("36", demo.path("province").asText());
    assertEquals("江西省", demo.path("name").asText());
    assertEquals(2019, demo.path("first_year").asInt());
    assertEquals(expected.lastYear(), demo.path("last_year").asInt());
    assertEquals(expected.towns(), demo.path("towns").asInt());
    assertEquals(REGISTRY.townsIn("36").count() - 1, Long.parseLong(loaded.group(2)));
  }

  @Test
  void shouldAcceptEveryEventWhenTheHistoryIsLoaded() throws Exception {
    String metrics = get("/metrics").body();
    long events = Long.parseLong(loaded.group(1));
    // the seed's events are applied too
    long seed = EventLines.parse(Path.of("..", "seeds", "events", "360923105-2020.jsonl")).events().size();
    long late = counter(metrics, "gongkai_events_total{disposition=\"late\"}");
    assertEquals(events + seed, counter(metrics, "gongkai_events_total{disposition=\"accepted\"}") + late,
        "every event accepted, a few of them late");
    assertTrue(late > 0, "a few towns publish late");
    assertEquals(0, counter(metrics, "gongkai_events_total{disposition=\"rejected\"}"));
    assertEquals(0, counter(metrics, "gongkai_events_total{disposition=\"duplicate\"}"));
  }

  @Test
  void shouldServeTheLastClosedYearAsFinalWhenTheProvinceIsAsked() throws Exception {
    int lastYear = DemoHistory.of(REGISTRY).lastClosedYear();
    long provinceTowns = REGISTRY.townsIn("36").count();
    // The log line says every event was applied; queries see a commit's figures once it has gone
    // through, a moment later.
    JsonNode province = JSON.readTree(get("/api/v1/regions/36/reports/" + lastYear).body());
    for (Instant deadline = Instant.now().plusSeconds(30);
        province.path("towns").asLong() < provinceTowns && Instant.now().isBefore(deadline); ) {
      Thread.sleep(100);
      province = JSON.readTree(get("/api/v1/regions/36/reports/" + lastYear).body());
    }
    // Every town of the province has figures (the reference town since 2020, from the seed), and
    // every demo town has closed the year; the reference town never closes it, so the sum stays open.
    assertEquals(provinceTowns, province.path("towns").asLong(), province.toString().substring(0, 300));
    assertEquals(provinceTowns - 1, province.path("finalTowns").asLong());
    assertEquals("open", province.path("status").asText());
    // 南昌市 has no reference town: final, every town of the city in it.
    JsonNode city = JSON.readTree(get("/api/v1/regions/3601/reports/" + lastYear).body());
    assertEquals("final", city.path("status").asText());
    assertEquals(REGISTRY.townsIn("3601").count(), city.path("towns").asLong());
    JsonNode current = JSON.readTree(get("/api/v1/regions/3601/reports/" + (lastYear + 1)).body());
    assertEquals("open", current.path("status").asText());
    assertTrue(current.at("/requests/rows/received/total").asLong() > 0, "the current year has figures");
  }

  private static long counter(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> (long) Double.parseDouble(line.substring(series.length() + 1)))
        .orElseThrow(() -> new AssertionError("no " + series));
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
