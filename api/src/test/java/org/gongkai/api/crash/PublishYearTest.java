package org.gongkai.api.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.api.cli.PublishCommand;
import org.gongkai.events.AppealDecided;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DecisionMade;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.DocumentAction;
import org.gongkai.events.DocumentChange;
import org.gongkai.events.DocumentKind;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.ItemAction;
import org.gongkai.events.ItemChange;
import org.gongkai.events.ItemKind;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.TownEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The most ordinary use: a town publishes its whole year with one {@code gongkai publish}, the
 * file ending with its {@code year.closed}. The year must come back exact (the oracle's figures,
 * cell by cell), {@code final}, with no late event, and {@code publish} must print the receipt:
 * to an idle instance; to one working through a backlog of 100,000 events of other towns; and to
 * two instances, one of them stopped while they apply the year.
 */
class PublishYearTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int YEAR = 2021;

  @Test
  void shouldServeAPublishedYearExactAndFinalWhenItsCloseComesInTheSameFile() throws Exception {
    DivisionRegistry registry = DivisionRegistry.load();
    List<String> towns = registry.townsIn("3609").map(t -> t.town().code()).limit(3).toList();
    List<String> backlogTowns = registry.townsIn("3610").map(t -> t.town().code()).limit(300).toList();
    String prefix = "year" + Long.toString(System.currentTimeMillis(), 36) + "-";
    Random random = new Random(20261202);
    List<Oracle.Event> all = new ArrayList<>();
    Set<String> everyTown = new LinkedHashSet<>();
    Map<String, Object> figures = new LinkedHashMap<>();
    try (Drill drill = Drill.start("publish-year")) {
      AppProcess one = new AppProcess(drill.bootstrapServers(), drill.root.resolve("data-1"));
      AppProcess two = new AppProcess(drill.bootstrapServers(), drill.root.resolve("data-2"));
      try {
        one.start();
        one.awaitHealthy(Duration.ofMinutes(5));

        // 1. an idle instance
        List<Oracle.Event> first = townYear(prefix, towns.get(0), random);
        String receipt = publish(drill, first, "idle");
        assertReceipt(receipt, first.size());
        assertFinalAndExact(one, towns.get(0), first);
        all.addAll(first);
        everyTown.add(towns.get(0));

        // 2. a backlog of 100,000 events of 300 other towns, then the year
        List<Oracle.Event> backlog = backlog(prefix, backlogTowns, 100_000);
        drill.publish(backlog);
        long lag = drill.lag();
        List<Oracle.Event> second = townYear(prefix, towns.get(1), random);
        receipt = publish(drill, second, "backlog");
        assertReceipt(receipt, second.size());
        figures.put("backlog when the second year was published", lag);
        all.addAll(backlog);
        everyTown.addAll(backlogTowns);
        all.addAll(second);
        everyTown.add(towns.get(1));
        drill.awaitCaughtUp(one, Duration.ofMinutes(10));
        assertFinalAndExact(one, towns.get(1), second);

        // 3. two instances, the second stopped while they work through another backlog and the year
        two.start();
        two.awaitHealthy(Duration.ofMinutes(5));
        List<Oracle.Event> more = backlog(prefix + "b-", backlogTowns, 30_000);
        drill.publish(more);
        List<Oracle.Event> third = townYear(prefix, towns.get(2), random);
        CompletableFuture<String> published = CompletableFuture.supplyAsync(() -> publish(drill, third, "two instances"));
        Thread.sleep(1500);
        two.stop();
        drill.removeDeadMembers(); // as an operator would: the survivor takes over without waiting out the session
        receipt = published.get();
        assertReceipt(receipt, third.size());
        all.addAll(more);
        all.addAll(third);
        everyTown.add(towns.get(2));
        drill.awaitCaughtUp(one, Duration.ofMinutes(10));
        assertFinalAndExact(one, towns.get(2), third);

        drill.verify(one, DrillHistory.of(prefix, all, everyTown), figures);
        System.out.println("publish a year: " + figures);
        drill.passed();
      } finally {
        two.stop();
        one.stop();
      }
    }
  }

  /** Runs {@code gongkai publish} on the town's year as a file, and returns what it printed. */
  private static String publish(Drill drill, List<Oracle.Event> year, String when) {
    try {
      Path file = drill.root.resolve("year-" + year.get(0).key() + ".jsonl");
      StringBuilder lines = new StringBuilder();
      year.forEach(e -> lines.append(EventLines.format(new TownEvent(e.value()))).append('\n'));
      Files.writeString(file, lines, StandardCharsets.UTF_8);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
          .execute("--bootstrap-servers", drill.bootstrapServers(), "--wait-timeout", "600", file.toString());
      System.out.println("publish (" + when + "):\n" + out);
      assertEquals(0, exit, "publish (" + when + ") exits 0 once every event is applied, none rejected: " + out + err);
      return out.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertReceipt(String printed, int events) {
    assertTrue(printed.contains("  " + YEAR + ": " + events + " accepted, 0 late, 0 duplicates, 0 rejected"), printed);
    assertTrue(printed.contains("all " + events + " events applied: " + events + " accepted, 0 late"), printed);
  }

  private static void assertFinalAndExact(AppProcess app, String town, List<Oracle.Event> year) throws Exception {
    // The receipt is complete once the commit went through; queries see its figures a moment later.
    JsonNode report = JSON.readTree(app.get("/api/v1/towns/" + town + "/reports/" + YEAR).body());
    for (java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        !"final".equals(report.path("status").asText()) && java.time.Instant.now().isBefore(deadline); ) {
      Thread.sleep(50);
      report = JSON.readTree(app.get("/api/v1/towns/" + town + "/reports/" + YEAR).body());
    }
    assertEquals("final", report.path("status").asText(), report.toString());
    assertEquals(0, report.at("/events/late").asLong(), report.toString());
    assertEquals(year.size(), report.at("/events/accepted").asLong(), report.toString());
    long received = year.stream().filter(e -> e.value() instanceof RequestEvent r && r.getChange() instanceof RequestReceived)
        .count();
    assertEquals(received, report.at("/requests/rows/received/total").asLong(), report.toString());
  }

  /**
   * A plausible clean year of one town, in the order a town system publishes it (day by day):
   * requests of every applicant with varied outcomes (some open at the end of the year),
   * procurement, documents, catalogue items, decisions, fees, appeals; then its {@code year.closed}.
   */
  static List<Oracle.Event> townYear(String prefix, String town, Random random) {
    List<Dated> dated = new ArrayList<>();
    int[] n = {0};
    java.util.function.Supplier<String> id = () -> prefix + town + "-" + (++n[0]);
    for (int r = 0; r < 400; r++) {
      LocalDate received = day(random, 1, 330);
      String request = "YSQ-" + r;
      Applicant applicant = random.nextInt(3) > 0 ? Applicant.natural_person : Applicant.values()[random.nextInt(6)];
      dated.add(new Dated(received, new RequestEvent(id.get(), town, request, received, new RequestReceived(applicant))));
      if (random.nextInt(10) < 8) {
        LocalDate concluded = received.plusDays(1 + random.nextInt(30));
        Outcome outcome = random.nextInt(2) == 0 ? Outcome.granted : Outcome.values()[random.nextInt(Outcome.values().length)];
        dated.add(new Dated(concluded, new RequestEvent(id.get(), town, request, concluded, new RequestConcluded(outcome))));
      }
    }
    for (int p = 0; p < 120; p++) {
      LocalDate d = day(random, 1, 364);
      dated.add(new Dated(d, new ProcurementEvent(id.get(), town, "CG-" + p, d, (100 + random.nextInt(90_000)) + "." + (10 + random.nextInt(90)))));
    }
    for (int doc = 0; doc < 40; doc++) {
      LocalDate issued = day(random, 1, 300);
      DocumentKind kind = doc % 5 == 0 ? DocumentKind.rule : DocumentKind.normative_document;
      dated.add(new Dated(issued, disclosure(id.get(), town, issued, new DocumentChange("WJ-" + doc, DocumentAction.issued, kind))));
      dated.add(new Dated(issued.plusDays(3), disclosure(id.get(), town, issued.plusDays(3),
          new DocumentChange("WJ-" + doc, DocumentAction.published, kind))));
      if (doc % 8 == 0) {
        dated.add(new Dated(issued.plusDays(40), disclosure(id.get(), town, issued.plusDays(40),
            new DocumentChange("WJ-" + doc, DocumentAction.repealed, kind))));
      }
    }
    for (int item = 0; item < 30; item++) {
      LocalDate added = day(random, 1, 300);
      ItemKind kind = ItemKind.values()[item % ItemKind.values().length];
      dated.add(new Dated(added, disclosure(id.get(), town, added, new ItemChange("SX-" + item, ItemAction.added, kind))));
      if (item % 6 == 0) {
        dated.add(new Dated(added.plusDays(20), disclosure(id.get(), town, added.plusDays(20),
            new ItemChange("SX-" + item, ItemAction.removed, kind))));
      }
    }
    for (int dec = 0; dec < 600; dec++) {
      LocalDate d = day(random, 1, 364);
      dated.add(new Dated(d, disclosure(id.get(), town, d,
          new DecisionMade("JD-" + dec, DecisionKind.values()[random.nextInt(DecisionKind.values().length)]))));
    }
    for (int fee = 0; fee < 60; fee++) {
      LocalDate d = day(random, 1, 364);
      dated.add(new Dated(d, disclosure(id.get(), town, d, new FeeCollected("SF-" + fee, (5 + random.nextInt(500)) + ".00"))));
    }
    for (int c = 0; c < 8; c++) {
      LocalDate filed = day(random, 1, 300);
      AppealKind kind = AppealKind.values()[c % 3];
      dated.add(new Dated(filed, new AppealEvent(id.get(), town, "FY-" + c, filed, new AppealFiled(kind))));
      if (c % 4 != 3) {
        LocalDate decided = filed.plusDays(30 + random.nextInt(30));
        dated.add(new Dated(decided, new AppealEvent(id.get(), town, "FY-" + c, decided,
            new AppealDecided(AppealResult.values()[c % 3]))));
      }
    }
    dated.sort(java.util.Comparator.comparing(Dated::date));
    List<Oracle.Event> year = new ArrayList<>(dated.stream().map(d -> new Oracle.Event(town, d.event())).toList());
    year.add(new Oracle.Event(town, new YearClosedEvent(id.get(), town, YEAR)));
    return year;
  }

  /** Decisions of many towns, dated in 2023: work for the app that has nothing to do with the year published. */
  private static List<Oracle.Event> backlog(String prefix, List<String> towns, int events) {
    List<Oracle.Event> backlog = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      String town = towns.get(i % towns.size());
      LocalDate date = LocalDate.of(2023, 1 + i % 12, 1 + i % 28);
      backlog.add(new Oracle.Event(town, disclosure(prefix + "fill-" + i, town, date,
          new DecisionMade("BL-" + prefix + i, DecisionKind.licensing))));
    }
    return backlog;
  }

  private record Dated(LocalDate date, SpecificRecord event) {}

  private static DisclosureEvent disclosure(String eventId, String town, LocalDate date, Object fact) {
    return new DisclosureEvent(eventId, town, date, fact);
  }

  private static LocalDate day(Random random, int from, int to) {
    return LocalDate.of(YEAR, 1, 1).plusDays(from - 1 + random.nextInt(to - from + 1));
  }
}
