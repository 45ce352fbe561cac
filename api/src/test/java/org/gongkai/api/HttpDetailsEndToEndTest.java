package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What users of the HTTP API run into: HEAD, Accept weights, CSV downloads, /about and /metrics. */
class HttpDetailsEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String REPORT = "/api/v1/towns/360923105/reports/2020";

  @BeforeAll
  static void seed() throws Exception {
    RunningApp.seeded();
  }

  @Test
  void shouldAnswerHeadWithTheStatusOfGetWhenAnyRouteIsAsked() {
    List<String> differ = new ArrayList<>();
    int asked = 0;
    for (var endpoint : RunningApp.get().http().unsafe.internalRouter.allHttpHandlers()) {
      if (endpoint.endpoint.method != HandlerType.GET) {
        continue;
      }
      // Real values (mostly 200), malformed ones (400) and unknown ones (404), for every parameter.
      for (Map<String, String> values : List.of(
          Map.of("town", "360923105", "year", "2020", "region", "360923", "batch", "b"),
          Map.of("town", "36092310x", "year", "20x0", "region", "3x", "batch", "b"),
          Map.of("town", "999999999", "year", "2018", "region", "99", "batch", "b"))) {
        String path = fill(endpoint.endpoint.path, values);
        HttpResponse<String> get = send("GET", path, "application/json");
        HttpResponse<String> head = send("HEAD", path, "application/json");
        asked++;
        if (get.statusCode() != head.statusCode()
            || !get.headers().firstValue("Content-Type").equals(head.headers().firstValue("Content-Type"))) {
          differ.add(path + ": GET " + get.statusCode() + " " + get.headers().firstValue("Content-Type").orElse("")
              + ", HEAD " + head.statusCode() + " " + head.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals("", head.body(), "HEAD has no body: " + path);
      }
    }
    assertTrue(asked >= 30, "routes asked: " + asked);
    assertEquals(List.of(), differ);
  }

  @Test
  void shouldAnswerHead404WhenTheTownIsUnknown() {
    assertEquals(404, send("HEAD", "/api/v1/towns/999999999/reports/2020", "*/*").statusCode());
    assertEquals(400, send("HEAD", "/api/v1/towns/abc/reports/2020", "*/*").statusCode());
    assertEquals(200, send("HEAD", REPORT, "*/*").statusCode());
  }

  @Test
  void shouldPreferTheHeavierTypeWhenAcceptHasWeights() {
    assertEquals("application/json", type(RunningApp.get(REPORT, "text/html;q=0.9, application/json;q=1.0")));
    assertEquals("text/html", type(RunningApp.get(REPORT, "text/html;q=1, application/json;q=0.5")));
    assertEquals("text/csv", type(RunningApp.get(REPORT, "text/html;q=0.1, text/csv;q=0.9, */*;q=0")));
    assertEquals("text/plain", type(RunningApp.get(REPORT, "application/json;q=0, text/plain")));
    // A tie goes to the range named first, then to JSON.
    assertEquals("text/html", type(RunningApp.get(REPORT, "text/html, application/json")));
    assertEquals("application/json", type(RunningApp.get(REPORT, "*/*")));
    // The most specific range decides: text/csv;q=0 excludes CSV though text/* allows text.
    assertEquals("text/html", type(RunningApp.get(REPORT, "text/csv;q=0, text/*;q=0.5")));
  }

  @Test
  void shouldAnswer406WhenNothingAcceptableIsAsked() {
    for (String accept : List.of("image/png", "application/json;q=0", "application/xml, image/png;q=0.9",
        "*/*;q=0")) {
      HttpResponse<String> response = RunningApp.get(REPORT, accept);
      assertEquals(406, response.statusCode(), accept);
      assertEquals(406, RunningApp.json(response).path("status").asInt(), response.body());
      assertTrue(RunningApp.json(response).path("message").asText().contains("text/csv"), response.body());
    }
    assertEquals(200, RunningApp.get(REPORT + "?format=csv", "image/png").statusCode(), "?format wins over Accept");
  }

  @Test
  void shouldNameThePlaceAndYearWhenCsvIsDownloaded() {
    HttpResponse<String> town = RunningApp.get(REPORT + "?format=csv");
    assertEquals("360923105-南港镇-2020.csv", filename(town));
    assertEquals("南港镇2020年度政府信息公开工作年度报告（统计表）", titleRecord(town.body()));

    HttpResponse<String> county = RunningApp.get("/api/v1/regions/360923/reports/2020", "text/csv");
    assertEquals("360923-上高县-2020.csv", filename(county));
    assertTrue(titleRecord(county.body()).startsWith("上高县2020年度政府信息公开工作年度报告（"), county.body());
    assertTrue(county.headers().firstValue("Content-Disposition").orElseThrow().contains("filename=\"360923-2020.csv\""));
    assertTrue(RunningApp.get(REPORT).headers().firstValue("Content-Disposition").isEmpty(), "JSON is no download");
  }

  @Test
  void shouldSayThereIsNoDemoWhenTheAppRunsWithoutIt() {
    HttpResponse<String> about = RunningApp.get(AboutRoutes.ABOUT);
    assertEquals(200, about.statusCode());
    assertEquals(AboutRoutes.VERSION, RunningApp.json(about).path("version").asText());
    assertTrue(RunningApp.json(about).has("demo") && RunningApp.json(about).get("demo").isNull(), about.body());
  }

  @Test
  void shouldCountCacheHitsAndMissesWhenReportsAreAsked() {
    String region = "/api/v1/regions/3609/reports/2020?format=text";
    double hits = metric("gongkai_report_cache_total{result=\"hit\"}");
    double misses = metric("gongkai_report_cache_total{result=\"miss\"}");
    assertEquals(200, RunningApp.get(region).statusCode());
    assertEquals(200, RunningApp.get(region).statusCode());
    assertTrue(metric("gongkai_report_cache_total{result=\"miss\"}") >= misses + 1, "the first answer is built");
    assertTrue(metric("gongkai_report_cache_total{result=\"hit\"}") >= hits + 1, "the second comes from the cache");
  }

  @Test
  void shouldExportInputLagPerPartitionAndEventCountsWhenScraped() {
    String metrics = RunningApp.get("/metrics").body();
    Matcher lag = Pattern.compile("(?m)^gongkai_input_lag\\{partition=\"(\\d+)\"} (\\S+)$").matcher(metrics);
    int partitions = 0;
    while (lag.find()) {
      partitions++;
      int partition = Integer.parseInt(lag.group(1));
      assertTrue(partition >= 0 && partition < 6, lag.group());
      double value = Double.parseDouble(lag.group(2));
      assertTrue(value >= 0, lag.group());
    }
    assertTrue(partitions >= 1, "no gongkai_input_lag series:\n" + grep(metrics, "gongkai_"));
    assertTrue(metric("gongkai_events_total{disposition=\"accepted\"}") > 0, grep(metrics, "gongkai_events"));
    assertTrue(metrics.contains("gongkai_events_total{disposition=\"late\"}"));
    assertTrue(metrics.contains("gongkai_events_rejected_total{reason=\"conflict\"}"));
  }

  private static String fill(String template, Map<String, String> values) {
    String path = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      path = path.replace("{" + value.getKey() + "}", value.getValue());
    }
    return path.replaceAll("\\{[^}]+}", "x") + (path.contains("/towns") && !path.contains("/towns/") ? "?year=2020" : "");
  }

  private static HttpResponse<String> send(String method, String path, String accept) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RunningApp.get().port() + path))
          .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", accept).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String type(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return response.headers().firstValue("Content-Type").orElse("").split(";")[0];
  }

  /** The UTF-8 file name of a Content-Disposition (RFC 8187 filename*). */
  private static String filename(HttpResponse<String> response) {
    String disposition = response.headers().firstValue("Content-Disposition").orElseThrow(() ->
        new AssertionError("no Content-Disposition"));
    assertTrue(disposition.startsWith("attachment;"), disposition);
    Matcher matcher = Pattern.compile("filename\\*=UTF-8''(\\S+)").matcher(disposition);
    assertTrue(matcher.find(), disposition);
    return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
  }

  /** The value of the CSV's report,title record (the second record, after the header). */
  private static String titleRecord(String csv) {
    String second = csv.split("\r\n")[1];
    assertTrue(second.startsWith("report,title,,,,"), second);
    return second.substring("report,title,,,,".length());
  }

  private static double metric(String series) {
    return RunningApp.get("/metrics").body().lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .orElseThrow(() -> new AssertionError("no " + series));
  }

  private static String grep(String metrics, String prefix) {
    return String.join("\n", metrics.lines().filter(line -> line.startsWith(prefix)).toList());
  }
}
