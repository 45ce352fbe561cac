package org.gongkai.api.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gongkai.api.RunningApp;
import org.gongkai.api.SharedBroker;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's JSON through the real broker, streams and HTTP, on towns of 海南省 (46) that no
 * other test uses. The seed is laid out so that some towns must raise flags and others must not:
 *
 * <ul>
 *   <li>文城镇 (T0): received 5 in 2024, 40 in 2025 (a jump, and far above the county's other towns),
 *       30 of them concluded in 2025, 6 granted (disclosure rate 0.2: red);</li>
 *   <li>T1–T4: 9–12 received in 2024, 10–13 in 2025 (no flag); T1 closes 2025;</li>
 *   <li>T5: 12 and 12 received, 30 reconsiderations decided in 2025, 12 corrected (correction rate 0.4: red);</li>
 *   <li>T6: 11 and 11 received, 10 decided, 9 corrected (0.9, but under 30 cases: no flag);</li>
 *   <li>one town of 五指山市 (469001): 3 received in 2025, closed.</li>
 * </ul>
 */
class DashboardEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  /** Keeps a number's decimals as sent (0.2000 stays 0.2000), to check that rates have 4. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final DivisionRegistry REGISTRY = DivisionRegistry.load();
  private static final String COUNTY = "469005";
  private static final String OTHER_COUNTY = "469001";
  private static final String CITY = "4690";
  private static final String PROVINCE = "46";
  private static final long[] RECEIVED_2024 = {5, 9, 10, 11, 12, 12, 11};
  private static final long[] RECEIVED_2025 = {40, 10, 11, 12, 13, 12, 11};
  private static final long OTHER_RECEIVED_2025 = 3;
  private static final int T0_CONCLUDED = 30;
  private static final int T0_GRANTED = 6;
  private static final int T5_DECIDED = 30;
  private static final int T5_CORRECTED = 12;
  private static final int T6_DECIDED = 10;
  private static final int T6_CORRECTED = 9;

  private static List<String> towns;
  private static String otherTown;

  @BeforeAll
  static void seed() throws Exception {
    RunningApp.get();
    towns = REGISTRY.townsIn(COUNTY).limit(7).map(t -> t.town().code()).toList();
    otherTown = REGISTRY.townsIn(OTHER_COUNTY).findFirst().orElseThrow().town().code();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < towns.size(); i++) {
      String town = towns.get(i);
      for (int n = 0; n < RECEIVED_2024[i]; n++) {
        lines.add(received(town, "R24-" + n, "2024-03-01"));
      }
      for (int n = 0; n < RECEIVED_2025[i]; n++) {
        lines.add(received(town, "R25-" + n, "2025-03-01"));
      }
    }
    for (int n = 0; n < T0_CONCLUDED; n++) {
      lines.add(concluded(towns.get(0), "R25-" + n, "2025-06-01", n < T0_GRANTED ? "granted" : "withheld_process_info"));
    }
    appeals(lines, towns.get(5), T5_DECIDED, T5_CORRECTED);
    appeals(lines, towns.get(6), T6_DECIDED, T6_CORRECTED);
    lines.add(closed(towns.get(1), 2025));
    for (int n = 0; n < OTHER_RECEIVED_2025; n++) {
      lines.add(received(otherTown, "R25-" + n, "2025-04-01"));
    }
    lines.add(closed(otherTown, 2025));
    publish(lines);
    long total2025 = sum(RECEIVED_2025) + OTHER_RECEIVED_2025;
    JsonNode province = RunningApp.await("/api/v1/regions/" + PROVINCE + "/children?year=2025",
        r -> r.at("/headline/received").asLong() == total2025 && r.at("/headline/decided_cases").asLong() == T5_DECIDED + T6_DECIDED
            && r.at("/final_towns").asLong() == 2 && r.at("/headline/concluded").asLong() == T0_CONCLUDED, WAIT);
    assertNotNull(province, "the province's children never showed the seed");
  }

  private static void appeals(List<String> lines, String town, int decided, int corrected) {
    for (int n = 0; n < decided; n++) {
      lines.add("{\"type\":\"appeal.filed\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town
          + "\",\"caseId\":\"C-" + n + "\",\"date\":\"2025-02-01\",\"kind\":\"reconsideration\"}");
      lines.add("{\"type\":\"appeal.decided\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town
          + "\",\"caseId\":\"C-" + n + "\",\"date\":\"2025-05-01\",\"result\":\"" + (n < corrected ? "corrected" : "upheld") + "\"}");
    }
  }

  @Test
  void shouldSumEachCityWhenTheProvincesChildrenAreAsked() {
    JsonNode answer = ok("/api/v1/regions/" + PROVINCE + "/children?year=2025");
    System.out.println("DashboardEndToEndTest children of 46: " + answer);
    assertEquals("province", answer.at("/region/level").asText());
    assertTrue(answer.get("parent").isNull());
    Set<String> cities = new HashSet<>();
    answer.get("children").forEach(c -> cities.add(c.get("code").asText()));
    assertEquals(REGISTRY.townsIn(PROVINCE).map(t -> t.city().code()).collect(java.util.stream.Collectors.toSet()), cities);
    JsonNode city = child(answer, CITY);
    assertEquals("city", city.get("level").asText());
    assertEquals(sum(RECEIVED_2025) + OTHER_RECEIVED_2025, city.at("/headline/received").asLong());
    assertEquals(sum(RECEIVED_2024), city.at("/previous/received").asLong());
    assertEquals(towns.size() + 1, city.get("towns").asLong());
    assertEquals(2, city.get("final_towns").asLong());
    assertEquals(T0_CONCLUDED, city.at("/headline/concluded").asLong());
    assertEquals(rate(T0_GRANTED, T0_CONCLUDED), city.at("/headline/disclosure_rate").decimalValue());
    assertEquals(T5_DECIDED + T6_DECIDED, city.at("/headline/decided_cases").asLong());
    assertEquals(T5_CORRECTED + T6_CORRECTED, city.at("/headline/corrected_cases").asLong());
    assertEquals(rate(T5_CORRECTED + T6_CORRECTED, T5_DECIDED + T6_DECIDED), city.at("/headline/correction_rate").decimalValue());
    assertEquals(T5_DECIDED + T6_DECIDED, city.at("/headline/reconsiderations").asLong());
    assertEquals(sum(RECEIVED_2024) + sum(RECEIVED_2025) + OTHER_RECEIVED_2025 - T0_CONCLUDED,
        city.at("/headline/carried_forward").asLong());
    assertEquals("0.0000", city.at("/headline/fees").asText(), "2025 is template 2021: fees, no procurement");
    assertTrue(city.at("/headline/procurement_amount").isNull());
    assertTrue(child(answer, "4601").get("headline").isNull(), "海口市 has no figures in this test JVM");
  }

  @Test
  void shouldListTownsWithStatusWhenACountysChildrenAreAsked() {
    JsonNode answer = ok("/api/v1/regions/" + COUNTY + "/children?year=2025");
    assertEquals(CITY, answer.at("/parent/code").asText());
    assertEquals(REGISTRY.townsIn(COUNTY).count(), answer.get("children").size());
    JsonNode t0 = child(answer, towns.get(0));
    assertEquals("town", t0.get("level").asText());
    assertEquals("open", t0.get("status").asText());
    assertEquals(RECEIVED_2025[0], t0.at("/headline/received").asLong());
    assertEquals(RECEIVED_2024[0], t0.at("/previous/received").asLong());
    assertEquals("final", child(answer, towns.get(1)).get("status").asText());
    assertEquals(1, child(answer, towns.get(1)).get("final_towns").asLong());
    JsonNode idle = child(answer, REGISTRY.townsIn(COUNTY).skip(10).findFirst().orElseThrow().town().code());
    assertEquals("no_figures", idle.get("status").asText());
    assertTrue(idle.get("headline").isNull());
    JsonNode city = ok("/api/v1/regions/" + CITY + "/children?year=2025");
    assertEquals(1, child(city, OTHER_COUNTY).get("final_towns").asLong());
    assertEquals(OTHER_RECEIVED_2025, child(city, OTHER_COUNTY).at("/headline/received").asLong());
    assertTrue(child(city, OTHER_COUNTY).get("previous").isNull(), "五指山市 has no figures before 2025");
  }

  @Test
  void shouldGiveBothYearsWhenTrendsAreAsked() {
    JsonNode county = ok("/api/v1/regions/" + COUNTY + "/trend");
    assertEquals(List.of(2024, 2025), years(county));
    assertEquals(sum(RECEIVED_2024), county.at("/years/0/headline/received").asLong());
    assertEquals(sum(RECEIVED_2025), county.at("/years/1/headline/received").asLong());
    assertEquals("events", county.at("/years/1/source").asText());
    JsonNode town = ok("/api/v1/towns/" + towns.get(1) + "/trend");
    assertEquals("town", town.get("level").asText());
    assertEquals(List.of(2024, 2025), years(town));
    assertEquals(RECEIVED_2024[1], town.at("/years/0/headline/received").asLong());
    assertEquals("final", town.at("/years/0/status").asText(), "closing 2025 certifies 2024 too");
    assertEquals("final", town.at("/years/1/status").asText());
    assertEquals(List.of(2025), years(ok("/api/v1/towns/" + otherTown + "/trend")));
  }

  @Test
  void shouldFlagTheSeededTownsAndNoOthersWhenFlagsAreAsked() {
    JsonNode answer = ok("/api/v1/regions/" + PROVINCE + "/flags?year=2025");
    assertEquals(3.5, answer.at("/thresholds/outlier_z").asDouble());
    assertEquals(30, answer.at("/thresholds/correction_min_cases").asLong());
    Set<String> raised = new HashSet<>();
    answer.get("flags").forEach(f -> raised.add(f.at("/town/code").asText() + " " + f.get("kind").asText() + " "
        + f.get("level").asText()));
    assertEquals(Set.of(towns.get(0) + " jump yellow", towns.get(0) + " outlier yellow", towns.get(0) + " disclosure_rate red",
        towns.get(5) + " correction_rate red"), raised);
    JsonNode jump = answer.get("flags").findParents("kind").stream().filter(f -> f.get("kind").asText().equals("jump"))
        .findFirst().orElseThrow();
    assertEquals(RECEIVED_2025[0], jump.get("value").asLong());
    assertEquals(RECEIVED_2024[0], jump.get("reference").asLong());
    assertEquals(COUNTY, jump.at("/town/county_code").asText());
    assertTrue(jump.get("message").asText().contains("文城镇"), jump.toString());
  }

  @Test
  void shouldCountFiledTownsWhenFilingIsAsked() {
    JsonNode answer = ok("/api/v1/regions/" + COUNTY + "/filing?year=2025");
    long registered = REGISTRY.townsIn(COUNTY).count();
    assertEquals(registered, answer.get("towns").asLong());
    assertEquals(towns.size(), answer.get("with_figures").asLong());
    assertEquals(1, answer.get("final").asLong());
    assertEquals(towns.size() - 1, answer.get("open").size());
    assertEquals(registered - towns.size(), answer.get("no_figures").size());
    assertEquals("文昌市", answer.at("/open/0/county").asText());
  }

  @Test
  void shouldPageFilterAndWriteCsvWhenTownsAreAsked() {
    String base = "/api/v1/regions/" + COUNTY + "/towns?year=2025";
    JsonNode page = ok(base + "&sort=received&order=desc&offset=1&limit=2");
    assertEquals(REGISTRY.townsIn(COUNTY).count(), page.get("total").asLong());
    assertEquals(2, page.get("towns").size());
    assertEquals(RECEIVED_2025[4], page.at("/towns/0/received").asLong(), "second largest after 文城镇's 40");
    JsonNode named = ok(base + "&q=" + java.net.URLEncoder.encode("文城", java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, named.get("total").asLong());
    assertEquals(towns.get(0), named.at("/towns/0/code").asText());
    assertEquals(towns.size() - 1, ok(base + "&status=open").get("total").asLong());
    HttpResponse<String> csv = RunningApp.get(base + "&status=open", "text/csv");
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertTrue(lines.get(0).contains("区划代码") && lines.get(0).contains("实质公开率"), lines.get(0));
    assertEquals(towns.size() - 1 + 1, lines.size(), "the header and every open town, unpaged");
    String first = lines.stream().filter(l -> l.startsWith(towns.get(0))).findFirst().orElseThrow();
    assertTrue(first.contains(",未定稿," + RECEIVED_2025[0] + "," + T0_CONCLUDED + ","), first);
    assertEquals(csv.body(), RunningApp.get(base + "&status=open&format=csv").body());
  }

  @Test
  void shouldAnswer4xxJsonWhenInputIsBad() {
    for (String path : List.of("/api/v1/regions/999999/children?year=2025", "/api/v1/regions/46/children?year=20x5",
        "/api/v1/regions/46/children", "/api/v1/regions/46/flags?year=2018", "/api/v1/regions/46/filing?year=abcd",
        "/api/v1/regions/46/towns?year=2025&limit=0", "/api/v1/regions/46/towns?year=2025&limit=many",
        "/api/v1/regions/46/towns?year=2025&status=closed", "/api/v1/regions/46/towns?year=2025&format=html",
        "/api/v1/towns/4690051/trend", "/api/v1/towns/999999999/trend", "/api/v1/regions/4699/trend",
        "/api/v1/changes")) {
      HttpResponse<String> response = RunningApp.get(path);
      assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, path + " → " + response.statusCode());
      JsonNode body = RunningApp.json(response);
      assertEquals(response.statusCode(), body.get("status").asInt(), path);
      assertTrue(!body.get("message").asText().isEmpty(), path);
    }
  }

  @Test
  void shouldReportVersionAndPartitionsWhenFreshnessIsAsked() {
    JsonNode answer = ok("/api/v1/freshness");
    assertTrue(answer.get("version").asLong() > 0);
    assertTrue(answer.get("partitions").size() > 0);
    assertNotNull(java.time.Instant.parse(answer.get("newest_event_at").asText()));
    long lags = 0;
    for (JsonNode partition : answer.get("partitions")) {
      assertTrue(partition.get("lag").asLong() >= 0);
      lags += partition.get("lag").asLong();
    }
    assertEquals(lags, answer.get("lag").asLong());
  }

  @Test
  void shouldStreamAChangeWhenAnEventIsApplied() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://localhost:" + RunningApp.get().port() + "/api/v1/changes"))
            .header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      JsonNode first = nextChange(lines);
      assertNotNull(first, "a new client gets the current state first");
      long before = first.get("version").asLong();
      // a town of 西藏 (54), so that the seeded figures the other tests check stay as they are
      String elsewhere = REGISTRY.townsIn("54").findFirst().orElseThrow().town().code();
      publish(List.of(received(elsewhere, "R-" + UUID.randomUUID(), "2025-09-01")));
      JsonNode next = nextChange(lines);
      assertNotNull(next, "no change event after an event was published");
      assertTrue(next.get("version").asLong() > before, next.toString());
      assertTrue(next.has("lag") && next.has("newest_event_at"), next.toString());
    } finally {
      response.body().close();
    }
  }

  @Test
  void shouldRefreshAKeptTownListWhenAnEventChangesATownsFigures() throws Exception {
    // a county of 新疆 (65), so that the seeded figures the other tests check stay as they are
    String county = REGISTRY.townsIn("65").findFirst().orElseThrow().county().code();
    String town = REGISTRY.townsIn(county).findFirst().orElseThrow().town().code();
    String list = "/api/v1/regions/" + county + "/towns?year=2025&limit=5000";
    long before = received(ok(list), town);
    // asked twice: the second answer is the kept list
    assertEquals(before, received(ok(list), town));
    for (long n = before + 1; n <= before + 2; n++) {
      publish(List.of(received(town, "R-" + UUID.randomUUID(), "2025-09-01")));
      long expected = n;
      JsonNode answer = RunningApp.await(list, r -> received(r, town) == expected, WAIT);
      assertEquals(expected, received(answer, town), "the kept list was not refreshed after event " + n);
    }
  }

  private static long received(JsonNode list, String town) {
    for (JsonNode row : list.get("towns")) {
      if (row.get("code").asText().equals(town)) {
        return row.get("received").asLong();
      }
    }
    throw new AssertionError("no town " + town + " in " + list);
  }

  /** The data of the next {@code event: change}, or null within 20 s. */
  private static JsonNode nextChange(BlockingQueue<String> lines) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    boolean inChange = false;
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line == null) {
        continue;
      }
      if (line.equals("event: change")) {
        inChange = true;
      } else if (inChange && line.startsWith("data: ")) {
        return JSON.readTree(line.substring("data: ".length()));
      }
    }
    return null;
  }

  private static JsonNode ok(String path) {
    HttpResponse<String> response = RunningApp.get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode child(JsonNode answer, String code) {
    for (JsonNode child : answer.get("children")) {
      if (child.get("code").asText().equals(code)) {
        return child;
      }
    }
    throw new AssertionError("no child " + code + " in " + answer);
  }

  private static List<Integer> years(JsonNode trend) {
    List<Integer> years = new ArrayList<>();
    trend.get("years").forEach(y -> years.add(y.get("year").asInt()));
    return years;
  }

  private static long sum(long[] values) {
    return java.util.Arrays.stream(values).sum();
  }

  private static BigDecimal rate(long numerator, long denominator) {
    return Headline.rate(numerator, denominator);
  }

  private static String received(String town, String request, String date) {
    return "{\"type\":\"request.received\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town
        + "\",\"requestId\":\"" + request + "\",\"date\":\"" + date + "\",\"applicant\":\"natural_person\"}";
  }

  private static String concluded(String town, String request, String date, String outcome) {
    return "{\"type\":\"request.concluded\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town
        + "\",\"requestId\":\"" + request + "\",\"date\":\"" + date + "\",\"outcome\":\"" + outcome + "\"}";
  }

  private static String closed(String town, int year) {
    return "{\"type\":\"year.closed\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town + "\",\"year\":" + year + "}";
  }

  private static void publish(List<String> lines) throws Exception {
    EventLines.Result parsed = EventLines.parse(new StringReader(String.join("\n", lines) + "\n"));
    assertEquals(List.of(), parsed.errors());
    try (EventPublisher publisher = new EventPublisher(SharedBroker.bootstrapServers())) {
      publisher.publish(parsed.events());
    }
  }
}
