package org.gongkai.api.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gongkai.events.Applicant;
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DecisionMade;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reproduction of an open bug, not part of the suite: a town's events on different topics are
 * not always processed in the order they were published, and {@code year.closed} (topic
 * {@code gongkai.closures}) decides the year every other event of the town counts in. No crash
 * is needed: while the app works through a backlog, each of a few hundred towns publishes a
 * request received in 2021 (gongkai.requests) and, once the broker has acknowledged it, closes
 * 2021 (gongkai.closures). Every request must count in 2021; the towns where the close was
 * processed first count it late in 2022 instead.
 *
 * <p>{@code mvn -B -pl api -am verify -Dtest=CrossTopicOrderTest -Dcrash.order=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
class CrossTopicOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @EnabledIfSystemProperty(named = "crash.order", matches = "true")
  void shouldCountARequestInItsYearWhenTheYearIsClosedAfterIt() throws Exception {
    DivisionRegistry registry = DivisionRegistry.load();
    List<String> towns = registry.townsIn("44").map(t -> t.town().code()).limit(Integer.getInteger("order.towns", 400))
        .toList();
    List<String> filler = registry.townsIn("33").map(t -> t.town().code()).limit(500).toList();
    try (Drill drill = Drill.start("order")) {
      AppProcess app = new AppProcess(drill.bootstrapServers(), drill.root.resolve("data"));
      try {
        app.start();
        app.awaitHealthy(Duration.ofMinutes(5));
        // a backlog on every input partition: requests of 500 other towns
        List<Oracle.Event> backlog = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
          String town = filler.get(i % filler.size());
          LocalDate date = LocalDate.of(2023, 1 + i % 12, 1 + i % 28);
          backlog.add(i % 2 == 0
              ? new Oracle.Event(Topics.REQUESTS, town, new RequestEvent("fill-" + i, town, "F" + i, date,
                  new RequestReceived(Applicant.natural_person)))
              : new Oracle.Event(Topics.DISCLOSURE, town, new DisclosureEvent("fill-" + i, town, date,
                  new DecisionMade("D" + i, DecisionKind.licensing))));
        }
        drill.publish(backlog);
        // while it catches up: per town, the request, then (acknowledged after it) the close
        for (String town : towns) {
          drill.publish(List.of(new Oracle.Event(Topics.REQUESTS, town, new RequestEvent("order-r-" + town, town, "R1",
              LocalDate.of(2021, 6, 1), new RequestReceived(Applicant.natural_person)))));
          drill.publish(List.of(new Oracle.Event(Topics.CLOSURES, town, new YearClosedEvent("order-c-" + town, town,
              2021))));
        }
        drill.awaitCaughtUp(app, Duration.ofMinutes(20));
        List<String> late = new ArrayList<>();
        for (String town : towns) {
          HttpResponse<String> response = app.get("/api/v1/towns/" + town + "/reports/2021");
          JsonNode report = JSON.readTree(response.body());
          if (report.at("/requests/rows/received/total").asLong() != 1) {
            late.add(town);
          }
        }
        System.out.println("cross-topic order: " + late.size() + " of " + towns.size()
            + " towns counted the request late, in 2022, e.g. " + late.subList(0, Math.min(10, late.size())));
        assertEquals(List.of(), late, "towns whose 2021 request was processed after their close of 2021");
        drill.passed();
      } finally {
        app.stop();
      }
    }
  }
}
