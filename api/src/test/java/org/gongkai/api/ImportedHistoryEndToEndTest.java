package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.cli.ImportCommand;
import org.gongkai.api.publish.DoorChecks;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.publish.PublishRoutes;
import org.gongkai.api.publish.TownRecords;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Imported history through the real broker, streams and HTTP: the reference report made a 2019
 * report (its text with 2020 read as 2019) imported for two towns of 拉萨市城关区 (a county no
 * other test publishes to), one over HTTP with its publisher token and one with
 * {@code gongkai import}; then each town's 2020 events (the reference's seed events). 2019 is
 * served as imported, the county's 2019 report sums both, 2020 is computed with R5 checked
 * across the boundary, and a 2020 report imported beside 2020's events is compared cell by cell.
 */
class ImportedHistoryEndToEndTest {
  private static final String HOLDS = "540102002";
  private static final String BROKEN = "540102003";
  private static final String COUNTY = "540102";
  private static final String TOKEN = "token-of-" + HOLDS + "-" + "c".repeat(40);
  private static final Path REFERENCE = Path.of("..", "seeds", "000_713aac75e110bc97.txt");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Javalin front;
  private static EventPublisher publisher;
  private static String reference2019;
  private static JsonNode importAnswer;

  @TempDir
  static Path dir;

  @BeforeAll
  static void importThenPublish() throws Exception {
    GongkaiApp app = RunningApp.get();
    DivisionRegistry registry = DivisionRegistry.load();
    PublisherTokens tokens = PublisherTokens.parse(List.of(HOLDS + " " + PublisherTokens.sha256Hex(TOKEN)), "test",
        t -> true);
    publisher = new EventPublisher(SharedBroker.bootstrapServers());
    InstanceRouter router = new InstanceRouter(app.streams(), new HostInfo("localhost", app.port()));
    PublishRoutes publish = new PublishRoutes(tokens, publisher::publish, new DoorChecks(new EventChecks(
        t -> registry.town(t).isPresent(), Clock.systemUTC())), new TownRecords(app.queries()), router);
    ReportRoutes reports = new ReportRoutes(app.queries(), router, registry);
    front = ApiServer.create(reports, new OperationsRoutes(app.streams(), app.queries(), app.progress(), reports.answers()),
        ClientRateLimit.disabled(), publish)
        .start("127.0.0.1", 0);

    String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
    reference2019 = reference.replace("2020", "2019");
    HttpResponse<String> imported = post("/api/v1/towns/" + HOLDS + "/imported-reports/2019", reference2019, TOKEN);
    assertEquals(202, imported.statusCode(), imported.body());
    importAnswer = RunningApp.json(imported);

    // The same report, but carrying 2 requests forward into 2020 (四、结转下年度继续办理 总计 2).
    String broken = reference2019.replaceFirst("(四、结转下年度继续办理\\n(?:\\t0\\n){4})\\t0", "$1\t2");
    assertTrue(!broken.equals(reference2019), "the carried-forward row was changed");
    Path brokenFile = Files.writeString(dir.resolve("broken-2019.txt"), broken, StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ImportCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--town", BROKEN, "--year", "2019", "--bootstrap-servers", SharedBroker.bootstrapServers(),
            "--wait-timeout", "60", brokenFile.toString());
    System.out.println("gongkai import:\n" + out + err);
    assertEquals(0, exit, out + "\n" + err);
    assertTrue(out.toString().contains("1 accepted"), out.toString());

    for (String town : List.of(HOLDS, BROKEN)) {
      String lines = Files.readString(RunningApp.SEED, StandardCharsets.UTF_8).replace("360923105", town);
      publisher.publish(EventLines.parse(new java.io.StringReader(lines)).events());
      RunningApp.await("/api/v1/towns/" + town + "/reports/2020",
          r -> r.at("/proactive/procurement/projects").asLong() == 177, Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void stop() {
    front.stop();
    publisher.close();
  }

  @Test
  void shouldServeImportedYearMarkedImportedWithItsViolations() {
    JsonNode report = RunningApp.json(RunningApp.get("/api/v1/towns/" + HOLDS + "/reports/2019"));
    assertEquals("imported", report.get("source").asText());
    assertEquals("final", report.get("status").asText());
    assertEquals(177, report.at("/proactive/procurement/projects").asLong());
    assertEquals("145.6381", report.at("/proactive/procurement/amount").asText());
    assertEquals(1, report.at("/requests/rows/received/total").asLong());
    assertTrue(report.at("/requests/rows/granted/natural_person").isNull(), "a cell the print lost stays unread");
    assertTrue(report.get("imported_violations").isArray());

    JsonNode broken = RunningApp.json(RunningApp.get("/api/v1/towns/" + BROKEN + "/reports/2019"));
    assertEquals(2, broken.at("/requests/rows/carried_forward/total").asLong());
    List<String> r1 = new ArrayList<>();
    broken.get("imported_violations").forEach(v -> {
      if (v.get("rule").asText().equals("R1")) {
        v.get("cells").forEach(cell -> r1.add(cell.asText()));
      }
    });
    assertTrue(r1.contains("requests.carried_forward.total"),
        "received 1 + carried over 0 ≠ concluded 1 + carried forward 2: " + broken.get("imported_violations"));
  }

  @Test
  void shouldLayOutTheImportedYearInEveryFormat() {
    for (String accept : List.of("text/html", "text/plain", "text/csv")) {
      HttpResponse<String> answer = RunningApp.get("/api/v1/towns/" + HOLDS + "/reports/2019", accept);
      assertEquals(200, answer.statusCode(), accept + ": " + answer.body());
      assertTrue(answer.body().contains("177"), accept + ": " + answer.body());
    }
  }

  @Test
  void shouldAnswerTheImportWithItsReceipt() {
    assertEquals(HOLDS, importAnswer.get("town").asText());
    assertEquals(2019, importAnswer.get("year").asInt());
    assertTrue(importAnswer.get("receipt").asText().startsWith("/api/v1/towns/" + HOLDS + "/receipts/"));
  }

  @Test
  void shouldSumImportedTownsInTheirCountysReport() {
    JsonNode county = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/reports/2019"));
    assertEquals("imported", county.get("source").asText());
    assertEquals(2, county.get("towns").asLong());
    assertEquals(2, county.get("imported_towns").asLong());
    assertEquals("final", county.get("status").asText());
    assertEquals(2 * 177, county.at("/proactive/procurement/projects").asLong());
    assertEquals("291.2762", county.at("/proactive/procurement/amount").asText());
    assertEquals(2, county.at("/requests/rows/carried_forward/total").asLong());

    JsonNode county2020 = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/reports/2020"));
    assertEquals("events", county2020.get("source").asText(), "2020 is computed for both towns");
    assertEquals(2, county2020.get("towns").asLong());
    assertEquals(2 * 177, county2020.at("/proactive/procurement/projects").asLong());
  }

  @Test
  void shouldShowTheImportedYearInTheDashboardsTrendsListsAndRollups() {
    JsonNode trend = RunningApp.json(RunningApp.get("/api/v1/towns/" + HOLDS + "/trend"));
    System.out.println("dashboard trend of " + HOLDS + ": " + trend);
    JsonNode years = trend.get("years");
    // 2019 imported, 2020 on from events (DashboardEndToEndTest may add a 2025 event for this town)
    assertTrue(years.size() >= 2, trend.toString());
    for (int i = 1; i < years.size(); i++) {
      assertEquals("events", years.get(i).get("source").asText(), trend.toString());
    }
    assertEquals(2019, years.get(0).get("year").asInt());
    assertEquals("imported", years.get(0).get("source").asText());
    assertEquals("final", years.get(0).get("status").asText());
    JsonNode town2019 = RunningApp.json(RunningApp.get("/api/v1/towns/" + HOLDS + "/reports/2019"));
    assertEquals(town2019.at("/requests/rows/received/total").asLong(), years.get(0).at("/headline/received").asLong());
    assertEquals("145.6381", years.get(0).at("/headline/procurement_amount").asText());
    assertEquals(2020, years.get(1).get("year").asInt());
    assertEquals("events", years.get(1).get("source").asText());

    JsonNode county2019 = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/reports/2019"));
    JsonNode city = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY.substring(0, 4) + "/children?year=2019"));
    JsonNode child = null;
    for (JsonNode c : city.get("children")) {
      if (c.get("code").asText().equals(COUNTY)) {
        child = c;
      }
    }
    assertTrue(child != null, city.toString());
    assertEquals(county2019.get("towns").asLong(), child.get("towns").asLong());
    assertEquals(county2019.get("finalTowns").asLong(), child.get("final_towns").asLong());
    JsonNode headline = child.get("headline");
    assertEquals(county2019.at("/requests/rows/received/total").asLong(), headline.get("received").asLong());
    assertEquals(county2019.at("/requests/rows/concluded_total/total").asLong(), headline.get("concluded").asLong());
    assertEquals(county2019.at("/requests/rows/carried_forward/total").asLong(), headline.get("carried_forward").asLong());
    assertEquals(county2019.at("/proactive/procurement/amount").asText(), headline.get("procurement_amount").asText());
    assertEquals(headline, RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/children?year=2019"))
        .get("headline"), "the county's own headline is its child's in the city");

    JsonNode countyTrend = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/trend")).get("years");
    assertEquals(2019, countyTrend.get(0).get("year").asInt(), countyTrend.toString());
    assertEquals("imported", countyTrend.get(0).get("source").asText());
    assertEquals(2, countyTrend.get(0).get("imported_towns").asLong());
    assertEquals(headline, countyTrend.get(0).get("headline"));

    JsonNode list = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/towns?year=2019&q=" + HOLDS));
    assertEquals(1, list.get("total").asInt(), list.toString());
    JsonNode row = list.get("towns").get(0);
    assertEquals("final", row.get("status").asText());
    assertEquals("imported", row.get("source").asText());
    assertEquals(town2019.at("/requests/rows/received/total").asLong(), row.get("received").asLong());
    JsonNode row2020 = RunningApp.json(RunningApp.get("/api/v1/regions/" + COUNTY + "/towns?year=2020&q=" + HOLDS))
        .get("towns").get(0);
    assertEquals("events", row2020.get("source").asText());
  }

  @Test
  void shouldCheckR5AcrossTheBoundaryInTheFirstComputedYear() {
    JsonNode holds = RunningApp.json(RunningApp.get("/api/v1/towns/" + HOLDS + "/reports/2020"));
    assertEquals("events", holds.get("source").asText());
    JsonNode across = holds.get("r5_across_import");
    assertEquals(2019, across.get("imported_year").asInt());
    assertEquals("holds", check(across, "total").get("status").asText(), across.toString());
    assertEquals("unchecked", check(across, "natural_person").get("status").asText(),
        "the print of 结转下年度 lost its applicant cells");
    assertEquals("unchecked", across.get("status").asText());

    JsonNode broken = RunningApp.json(RunningApp.get("/api/v1/towns/" + BROKEN + "/reports/2020"))
        .get("r5_across_import");
    assertEquals("violated", broken.get("status").asText(), broken.toString());
    assertEquals(0, check(broken, "total").get("carried_over").asLong());
    assertEquals(2, check(broken, "total").get("carried_forward").asLong());
  }

  @Test
  void shouldListTheDifferingCellsOfAYearWithBothImportAndEvents() throws Exception {
    String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
    // The published 2020 report with one figure misprinted: 政府集中采购 178件 where the events have 177.
    String text = reference.replaceFirst("177件", "178件");
    assertTrue(!text.equals(reference), "the procurement count is in the text");
    HttpResponse<String> imported = post("/api/v1/towns/" + HOLDS + "/imported-reports/2020", text, TOKEN);
    assertEquals(202, imported.statusCode(), imported.body());

    JsonNode comparison = RunningApp.await("/api/v1/towns/" + HOLDS + "/reports/2020/published-vs-computed",
        c -> c.path("differences").size() > 0, Duration.ofSeconds(30));
    System.out.println("published vs computed, " + HOLDS + " 2020: " + comparison);
    JsonNode projects = null;
    for (JsonNode difference : comparison.get("differences")) {
      if (difference.get("cell").asText().equals("proactive.procurement.projects")) {
        projects = difference;
      }
    }
    assertTrue(projects != null, comparison.toString());
    assertEquals(178, projects.get("published").asLong());
    assertEquals(177, projects.get("computed").asLong());
    assertTrue(comparison.get("unread").size() > 0, "the print's short rows leave cells unread");
    JsonNode report = RunningApp.json(RunningApp.get("/api/v1/towns/" + HOLDS + "/reports/2020"));
    assertEquals("events", report.get("source").asText(), "a year with events stays computed");
    assertEquals(177, report.at("/proactive/procurement/projects").asLong());
  }

  @Test
  void shouldRefuseAnImportThatIsNotTheYearsReport() throws Exception {
    HttpResponse<String> wrongYear = post("/api/v1/towns/" + HOLDS + "/imported-reports/2021", reference2019, TOKEN);
    assertEquals(400, wrongYear.statusCode(), wrongYear.body());
    assertTrue(wrongYear.body().contains("the text is the report of 2019, not of 2021"), wrongYear.body());
    HttpResponse<String> notAReport = post("/api/v1/towns/" + HOLDS + "/imported-reports/2019", "hello", TOKEN);
    assertEquals(400, notAReport.statusCode());
    assertTrue(notAReport.body().contains("not an annual report"), notAReport.body());
    HttpResponse<String> tooEarly = post("/api/v1/towns/" + HOLDS + "/imported-reports/2018",
        reference2019.replace("2019", "2018"), TOKEN);
    assertEquals(400, tooEarly.statusCode());
    assertTrue(tooEarly.body().contains("no report can be imported for 2018"), tooEarly.body());
    assertEquals(401, post("/api/v1/towns/" + HOLDS + "/imported-reports/2019", reference2019, "wrong").statusCode());
  }

  private static JsonNode check(JsonNode across, String column) {
    for (JsonNode check : across.get("checks")) {
      if (check.get("subject").asText().equals(column)) {
        return check;
      }
    }
    throw new AssertionError("no R5 check of " + column + " in " + across);
  }

  private static HttpResponse<String> post(String path, String body, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
