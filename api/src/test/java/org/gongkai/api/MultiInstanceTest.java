package org.gongkai.api;

import org.gongkai.api.publish.EventPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gongkai.api.broker.TopicSetup;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;

/**
 * Three instances of one application on one broker, each with a standby copy of another's
 * stores: each answers every town (asking its owner, one hop) and every region (adding up the
 * partials of every partition, its own and the others'), and the survivors answer all of them
 * as the others stop, one after the other. Each instance runs two stream threads, so tasks also
 * move between the threads of one instance as the others stop.
 */
class MultiInstanceTest {
  private static final int YEAR = 2023;
  private static final List<String> COUNTIES = List.of("341523", "360924");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DivisionRegistry registry = DivisionRegistry.load();
  /** Town → how many requests it received in the test year. */
  private final Map<String, Integer> received = new LinkedHashMap<>();

  @Test
  void shouldServeEveryTownAndRegionFromEachOfThreeInstancesAndFromTheSurvivors() throws Exception {
    publishEvents();
    String applicationId = "gongkai-three-" + UUID.randomUUID().toString().substring(0, 8);
    GongkaiApp a = start(applicationId);
    GongkaiApp b = start(applicationId);
    GongkaiApp c = start(applicationId);
    try {
      for (GongkaiApp app : List.of(a, b, c)) {
        app.awaitRunning(Duration.ofMinutes(2));
      }
      for (GongkaiApp app : List.of(a, b, c)) {
        assertAllServed(app, Duration.ofSeconds(90));
      }
      String town = townPath(received.keySet().iterator().next());
      assertEquals(fetch(a, town), fetch(b, town));
      assertEquals(fetch(a, town), fetch(c, town));
      assertEquals(fetch(a, regionPath("34")), fetch(c, regionPath("34")));
    } finally {
      c.close();
    }
    try {
      assertAllServed(a, Duration.ofSeconds(120));
      assertAllServed(b, Duration.ofSeconds(120));
    } finally {
      b.close();
    }
    try {
      assertAllServed(a, Duration.ofSeconds(120));
    } finally {
      a.close();
    }
  }

  private void publishEvents() throws Exception {
    StringBuilder lines = new StringBuilder();
    int n = 0;
    for (String county : COUNTIES) {
      for (DivisionRegistry.Town town : registry.townsIn(county).limit(6).toList()) {
        String code = town.town().code();
        int requests = 1 + (n++ % 4);
        received.put(code, requests);
        for (int i = 0; i < requests; i++) {
          lines.append(String.format("{\"type\":\"request.received\",\"eventId\":\"mi-%s-%d\",\"town\":\"%s\","
              + "\"requestId\":\"MI-%d\",\"date\":\"%d-03-0%d\",\"applicant\":\"natural_person\"}%n",
              code, i, code, i, YEAR, 1 + i));
        }
      }
    }
    EventLines.Result parsed = EventLines.parse(new StringReader(lines.toString()));
    assertTrue(parsed.errors().isEmpty(), parsed.errors().toString());
    TopicSetup.ensure(SharedBroker.bootstrapServers(), Topics.allNames(), 6, (short) 1);
    try (EventPublisher publisher = new EventPublisher(SharedBroker.bootstrapServers())) {
      publisher.publish(parsed.events());
    }
  }

  private static GongkaiApp start(String applicationId) throws Exception {
    Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "gongkai-three");
    return GongkaiApp.start(new GongkaiApp.Config(applicationId, SharedBroker.bootstrapServers(), "localhost",
        RunningApp.freePort(), state, 6, (short) 1, 1, 2), DivisionRegistry.load());
  }

  /** Every town and region answers 200 from this instance with the published figures, within the timeout. */
  private void assertAllServed(GongkaiApp app, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<String> failures = failures(app);
    while (!failures.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      failures = failures(app);
    }
    assertEquals(List.of(), failures, "instance on port " + app.port());
  }

  private List<String> failures(GongkaiApp app) throws Exception {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Integer> town : received.entrySet()) {
      check(app, townPath(town.getKey()), town.getValue(), failures);
    }
    for (String county : COUNTIES) {
      int sum = received.entrySet().stream().filter(e -> e.getKey().startsWith(county))
          .mapToInt(Map.Entry::getValue).sum();
      check(app, regionPath(county), sum, failures);
    }
    int all = received.values().stream().mapToInt(Integer::intValue).sum();
    int jiangxi = received.entrySet().stream().filter(e -> e.getKey().startsWith("36")).mapToInt(Map.Entry::getValue).sum();
    check(app, regionPath("3609"), jiangxi, failures);
    check(app, regionPath("34"), all - jiangxi, failures);
    HttpResponse<String> list = get(app, "/api/v1/regions/341523/towns?year=" + YEAR + "&sort=received&order=desc");
    if (list.statusCode() != 200) {
      failures.add("town list: " + list.statusCode());
    }
    // the dashboard's county children: every town's figures, whichever instance holds them
    HttpResponse<String> children = get(app, "/api/v1/regions/341523/children?year=" + YEAR);
    if (children.statusCode() != 200) {
      failures.add("county children: " + children.statusCode());
    } else {
      for (JsonNode child : JSON.readTree(children.body()).get("children")) {
        Integer expected = received.get(child.get("code").asText());
        if (expected != null && child.at("/headline/received").asLong() != expected) {
          failures.add("child " + child.get("code").asText() + " received " + child.at("/headline/received") + ", expected " + expected);
        }
      }
    }
    return failures;
  }

  private void check(GongkaiApp app, String path, int expectedReceived, List<String> failures) throws Exception {
    HttpResponse<String> response = get(app, path);
    if (response.statusCode() != 200) {
      failures.add(path + " → " + response.statusCode());
      return;
    }
    long served = JSON.readTree(response.body()).at("/requests/rows/received/natural_person").asLong();
    if (served != expectedReceived) {
      failures.add(path + " received " + served + ", expected " + expectedReceived);
    }
  }

  private static String townPath(String town) {
    return "/api/v1/towns/" + town + "/reports/" + YEAR;
  }

  private static String regionPath(String region) {
    return "/api/v1/regions/" + region + "/reports/" + YEAR;
  }

  private static JsonNode fetch(GongkaiApp app, String path) throws Exception {
    return JSON.readTree(get(app, path).body());
  }

  private static HttpResponse<String> get(GongkaiApp app, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
