package org.gongkai.api.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gongkai.api.BoundaryRoutes;
import org.gongkai.api.RunningApp;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files and ECharts are served by the app, and boundaries only when an operator gives them. */
class DashboardFilesEndToEndTest {

  @Test
  void shouldServeDashboardAndEchartsWhenRootIsOpened() {
    HttpResponse<String> page = RunningApp.get("/", "text/html");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("/webjars/echarts/5.3.1/dist/echarts.min.js"), page.body());
    // ES modules load only with a JavaScript MIME type (and the API sends nosniff).
    for (String script : List.of("/js/main.js", "/js/labels.js", "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
      HttpResponse<String> js = RunningApp.get(script, "*/*");
      assertEquals(200, js.statusCode(), script);
      assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), script + ": "
          + js.headers().firstValue("Content-Type"));
    }
    assertTrue(RunningApp.get("/webjars/echarts/5.3.1/dist/echarts.min.js", "*/*").body().contains("echarts"));
  }

  @Test
  void shouldAnswerNoRegionsAndJson404WhenNoBoundariesAreConfigured() {
    HttpResponse<String> index = RunningApp.get("/api/v1/boundaries");
    assertEquals(200, index.statusCode());
    assertEquals(0, RunningApp.json(index).get("regions").size());
    HttpResponse<String> region = RunningApp.get("/api/v1/boundaries/36");
    assertEquals(404, region.statusCode());
    assertTrue(RunningApp.json(region).get("message").asText().contains("--boundaries"), region.body());
    assertEquals(400, RunningApp.get("/api/v1/boundaries/3x").statusCode());
    assertEquals(404, RunningApp.get("/api/v1/boundaries/990000").statusCode());
  }

  @Test
  void shouldRefuseToRunWhenBoundariesFolderIsMissing(@TempDir Path dir) {
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = new picocli.CommandLine(new org.gongkai.api.cli.RunCommand())
        .setErr(new java.io.PrintWriter(err)).setOut(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("--data-dir", dir.resolve("data").toString(), "--boundaries", dir.resolve("missing").toString());
    assertEquals(2, exit, "a usage error: " + err);
    assertTrue(err.toString().contains("--boundaries") && err.toString().contains("is not a folder"), err.toString());
    assertTrue(!Files.exists(dir.resolve("data").resolve("kafka")), "nothing started");
  }

  @Test
  void shouldListAndReadOnlyRegionFilesWhenBoundariesFolderIsGiven(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("36.json"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
    Files.writeString(dir.resolve("3609.json"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
    Files.writeString(dir.resolve("360000.json"), "{}"); // not a canonical code: the province is 36
    Files.writeString(dir.resolve("notes.txt"), "licence: …");
    DivisionRegistry registry = DivisionRegistry.load();
    BoundaryRoutes boundaries = new BoundaryRoutes(dir, registry);
    assertEquals(List.of("36", "3609"), boundaries.regions());
    Place province = new org.gongkai.api.Places(registry).region("360000").orElseThrow();
    assertEquals("{\"type\":\"FeatureCollection\",\"features\":[]}", new String(boundaries.geoJson(province).orElseThrow()));
    Place county = new org.gongkai.api.Places(registry).region("360923").orElseThrow();
    assertTrue(boundaries.geoJson(county).isEmpty());
    assertEquals(List.of(), new BoundaryRoutes(null, registry).regions());
  }
}
