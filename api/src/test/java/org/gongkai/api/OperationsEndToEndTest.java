package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics, the OpenAPI document and the report renderings, over HTTP. */
class OperationsEndToEndTest {

  @BeforeAll
  static void seed() throws Exception {
    RunningApp.seeded();
  }

  @Test
  void shouldDescribeEveryRouteWhenOpenApiIsFetched() {
    JsonNode paths = RunningApp.json(RunningApp.get("/openapi.json")).get("paths");
    Set<String> missing = new HashSet<>();
    for (ParsedEndpoint endpoint : RunningApp.get().http().unsafe.internalRouter.allHttpHandlers()) {
      if (!endpoint.endpoint.method.isHttpMethod()) {
        continue; // before/after handlers (the rate limit) are no routes
      }
      if (endpoint.endpoint.method == io.javalin.http.HandlerType.HEAD) {
        continue; // HEAD runs the GET route (ApiServer), as openapi.json's description says
      }
      String path = endpoint.endpoint.path;
      String method = endpoint.endpoint.method.name().toLowerCase(java.util.Locale.ROOT);
      if (!paths.has(path) || !paths.get(path).has(method)) {
        missing.add(method + " " + path);
      }
    }
    assertEquals(Set.of(), missing, "routes missing from openapi.json");
  }

  @Test
  void shouldReportUpWhenStreamsRun() {
    HttpResponse<String> response = RunningApp.get("/health");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("RUNNING", RunningApp.json(response).get("streams").asText());
    assertTrue(RunningApp.json(response).get("storesQueryable").asBoolean());
  }

  @Test
  void shouldServeLagEventAndJvmMetricsWhenScraped() {
    String metrics = RunningApp.get("/metrics").body();
    assertTrue(metrics.contains("gongkai_input_lag{"), "the input lag per partition is exported");
    assertTrue(metrics.contains("gongkai_events_total{"), "what became of the events is exported");
    assertTrue(metrics.contains("jvm_memory_used_bytes"));
    // Kafka Streams' own metrics are not: one of them crashes the JVM when read from another thread
    assertFalse(metrics.contains("kafka_stream_state_uncommitted_bytes"), metrics);
  }

  @Test
  void shouldRenderOfficialTableWhenHtmlIsAccepted() throws Exception {
    HttpResponse<String> response = RunningApp.get("/api/v1/towns/360923105/reports/2020", "text/html");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(response.body().contains("南港镇2020年度政府信息公开工作年度报告"));
    assertTrue(response.body().contains("政府集中采购"));
    assertTrue(response.body().contains("145.6381"));
  }

  @Test
  void shouldRenderCsvCellsWhenFormatIsCsv() {
    HttpResponse<String> response = RunningApp.get("/api/v1/towns/360923105/reports/2020?format=csv");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("procurement,"), response.body().substring(0, 200));
    assertTrue(response.body().contains("145.6381"));
  }

  @Test
  void shouldRenderTextInTemplateOrderWhenFormatIsText() {
    String text = RunningApp.get("/api/v1/regions/360923/reports/2020?format=text").body();
    assertTrue(text.indexOf("一、本年新收") < text.indexOf("四、结转下年度继续办理"), text);
    assertTrue(text.contains("上高县2020年度"));
  }

  @Test
  void shouldAnswer400WhenFormatIsUnknown() {
    assertEquals(400, RunningApp.get("/api/v1/towns/360923105/reports/2020?format=pdf").statusCode());
  }
}
