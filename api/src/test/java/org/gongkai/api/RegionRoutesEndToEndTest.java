package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Region reports and town lists over HTTP, on the seeded instance. */
class RegionRoutesEndToEndTest {
  static JsonNode town;

  @BeforeAll
  static void seed() throws Exception {
    town = RunningApp.seeded();
    // Region partials are written at the next commit after the events: wait until each level shows them.
    for (String region : new String[] {"360923", "3609", "36"}) {
      RunningApp.await("/api/v1/regions/" + region + "/reports/2020",
          r -> r.at("/proactive/procurement/projects").asLong() >= 177
              && r.at("/requests/rows/granted/total").asLong() >= 1, java.time.Duration.ofSeconds(60));
    }
  }

  private static JsonNode region(String code) {
    HttpResponse<String> response = RunningApp.get("/api/v1/regions/" + code + "/reports/2020");
    assertEquals(200, response.statusCode(), response.body());
    return RunningApp.json(response);
  }

  @Test
  void shouldServeCountyFiguresOfItsTownsWhenCountyIsAsked() {
    JsonNode county = region("360923");
    assertEquals("上高县", county.at("/region/name").asText());
    assertEquals("county", county.at("/region/level").asText());
    assertEquals(town.at("/proactive"), county.at("/proactive"));
    assertEquals(town.at("/requests"), county.at("/requests"));
    assertEquals(town.at("/appeals"), county.at("/appeals"));
  }

  @Test
  void shouldAcceptPaddedCodeWhenCityOrProvinceIsAsked() {
    assertEquals("3609", region("360900").at("/region/code").asText());
    assertEquals("宜春市", region("3609").at("/region/name").asText());
    assertEquals("36", region("360000").at("/region/code").asText());
    assertTrue(region("36").at("/towns").asLong() >= 1);
  }

  @Test
  void shouldListEveryTownOfCountyWhenTownsAreAsked() {
    HttpResponse<String> response = RunningApp.get("/api/v1/regions/360923/towns?year=2020&sort=procurement_amount&order=desc");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode rows = RunningApp.json(response).get("towns");
    assertTrue(rows.size() > 1, "上高县 has more than one town");
    assertEquals("360923105", rows.get(0).get("code").asText(), "南港镇 has the largest procurement amount");
    assertEquals("145.6381", rows.get(0).get("procurement_amount").asText());
  }

  @Test
  void shouldAnswer400WhenSortKeyIsUnknown() {
    HttpResponse<String> response = RunningApp.get("/api/v1/regions/360923/towns?year=2020&sort=bogus");
    assertEquals(400, response.statusCode());
    assertTrue(RunningApp.json(response).get("message").asText().contains("sort must be one of"));
  }

  @Test
  void shouldAnswer404WhenRegionIsUnknown() {
    assertEquals(404, RunningApp.get("/api/v1/regions/999999/reports/2020").statusCode());
  }
}
