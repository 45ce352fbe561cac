package org.gongkai.api;

import org.gongkai.api.publish.EventPublisher;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports are served from kept answers (ReportAnswers) and still show every event: through the
 * real broker and streams. Each test has towns of its own, in counties no other test uses.
 */
class ReportAnswersEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DivisionRegistry REGISTRY = DivisionRegistry.load();

  @BeforeAll
  static void start() {
    RunningApp.get();
  }

  @Test
  void shouldServeTheNewFigureWhenAnEventChangesAKeptTownReport() throws Exception {
    String town = town("110101", 0);
    String path = "/api/v1/towns/" + town + "/reports/2022";
    publish(received(town, "2022-03-01"));
    assertEquals(1, receivedIn(RunningApp.await(path, r -> receivedIn(r) == 1, WAIT)));
    assertEquals(1, receivedIn(RunningApp.json(RunningApp.get(path))), "asked again: the kept answer");
    publish(received(town, "2022-04-01"));
    assertEquals(2, receivedIn(RunningApp.await(path, r -> receivedIn(r) == 2, WAIT)));
  }

  @Test
  void shouldServeTheNewFigureWhenAnEventChangesAKeptRegionReport() throws Exception {
    String county = "110102";
    String path = "/api/v1/regions/" + county + "/reports/2022";
    publish(received(town(county, 0), "2022-03-01"));
    RunningApp.await(path, r -> receivedIn(r) == 1, WAIT);
    assertEquals(1, csvCell(RunningApp.get(path + "?format=csv").body(), "requests", "received", "total"));
    publish(received(town(county, 1), "2022-05-01"));
    RunningApp.await(path, r -> receivedIn(r) == 2, WAIT);
    assertEquals(2, csvCell(RunningApp.get(path + "?format=csv").body(), "requests", "received", "total"));
  }

  @Test
  void shouldServeWhatTheStoreHoldsWhenALateEventArrivesForAKeptFinalReport() throws Exception {
    String town = town("110105", 0);
    String path = "/api/v1/towns/" + town + "/reports/2022";
    publish(received(town, "2022-03-01"));
    RunningApp.await(path, r -> receivedIn(r) == 1, WAIT);
    publish(closed(town, 2022));
    assertEquals(Report.FINAL, RunningApp.await(path, r -> r.path("status").asText().equals(Report.FINAL), WAIT)
        .path("status").asText());
    publish(received(town, "2022-06-01"));
    assertEquals(1, RunningApp.await("/api/v1/towns/" + town + "/reports/2023", r -> r.at("/events/late").asLong() == 1,
        WAIT).at("/events/late").asLong());
    Place place = new Places(REGISTRY).town(town).orElseThrow();
    Report fromStore = RunningApp.get().queries().town(place, 2022).orElseThrow();
    assertEquals(JSON.writeValueAsString(fromStore), RunningApp.get(path).body(), "the same bytes as a report built now");
  }

  private static String town(String county, int index) {
    return REGISTRY.townsIn(county).skip(index).findFirst().orElseThrow().town().code();
  }

  private static long receivedIn(JsonNode report) {
    return report == null ? -1 : report.at("/requests/rows/received/total").asLong();
  }

  /** A cell of a CSV answer (one line a cell: table,row_key,row_label,column_key,column_label,value). */
  private static long csvCell(String csv, String table, String row, String column) {
    return csv.lines().filter(line -> line.startsWith(table + "," + row + ",") && line.contains("," + column + ","))
        .map(line -> Long.parseLong(line.substring(line.lastIndexOf(',') + 1)))
        .findFirst().orElseThrow(() -> new AssertionError("no cell " + table + "/" + row + "/" + column + " in " + csv));
  }

  private static String received(String town, String date) {
    return "{\"type\":\"request.received\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town
        + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"date\":\"" + date + "\",\"applicant\":\"natural_person\"}";
  }

  private static String closed(String town, int year) {
    return "{\"type\":\"year.closed\",\"eventId\":\"" + UUID.randomUUID() + "\",\"town\":\"" + town
        + "\",\"year\":" + year + "}";
  }

  private static void publish(String... lines) throws Exception {
    EventLines.Result parsed = EventLines.parse(new StringReader(String.join("\n", lines) + "\n"));
    assertEquals(List.of(), parsed.errors());
    try (EventPublisher publisher = new EventPublisher(SharedBroker.bootstrapServers())) {
      publisher.publish(parsed.events());
    }
  }
}
