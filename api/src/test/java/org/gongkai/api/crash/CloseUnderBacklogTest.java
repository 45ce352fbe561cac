package org.gongkai.api.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;

/**
 * A town's {@code year.closed} certifies exactly the events the town published before it, even
 * while the app works through a backlog: every event of a town travels in one topic under the
 * town's key, so it is applied in the order published. While the app works through 40,000
 * events of 500 other towns, each of 400 towns publishes a request received in 2021 and, once
 * the broker has acknowledged it, closes 2021. Every request must count in 2021, and no event
 * is late. (With one topic per event family this failed for all 400 towns: the close overtook
 * the request.)
 */
class CloseUnderBacklogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
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
              ? new Oracle.Event(town, new RequestEvent("fill-" + i, town, "F" + i, date,
                  new RequestReceived(Applicant.natural_person)))
              : new Oracle.Event(town, new DisclosureEvent("fill-" + i, town, date,
                  new DecisionMade("D" + i, DecisionKind.licensing))));
        }
        drill.publish(backlog);
        // while it catches up: per town, the request, then (acknowledged after it) the close
        for (String town : towns) {
          drill.publish(List.of(new Oracle.Event(town, new RequestEvent("order-r-" + town, town, "R1",
              LocalDate.of(2021, 6, 1), new RequestReceived(Applicant.natural_person)))));
          drill.publish(List.of(new Oracle.Event(town, new YearClosedEvent("order-c-" + town, town,
              2021))));
        }
        drill.awaitCaughtUp(app, Duration.ofMinutes(20));
        List<String> wrong = new ArrayList<>();
        for (String town : towns) {
          JsonNode report = JSON.readTree(app.get("/api/v1/towns/" + town + "/reports/2021").body());
          boolean exact = report.at("/requests/rows/received/total").asLong() == 1
              && report.at("/status").asText().equals("final") && report.at("/events/late").asLong() == 0;
          JsonNode next = JSON.readTree(app.get("/api/v1/towns/" + town + "/reports/2022").body());
          if (!exact || next.at("/events/late").asLong() != 0) {
            wrong.add(town + " " + report.at("/requests/rows/received") + " " + report.at("/events"));
          }
        }
        System.out.println("close under backlog: " + (towns.size() - wrong.size()) + " of " + towns.size()
            + " towns final with their request counted in 2021, late 0");
        assertEquals(List.of(), wrong, "towns whose 2021 report is not exact and final");
        drill.passed();
      } finally {
        app.stop();
      }
    }
  }
}
