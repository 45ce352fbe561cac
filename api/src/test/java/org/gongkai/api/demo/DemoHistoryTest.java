package org.gongkai.api.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.Verdict;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the demo generator makes: the province's towns, the years, the closes, and events the door admits. */
class DemoHistoryTest {
  private static final DivisionRegistry REGISTRY = DivisionRegistry.load();
  /** A fixed "today", so that the test does not depend on the day it runs. */
  private static final LocalDate TODAY = LocalDate.of(2026, 7, 15);
  private static DemoHistory history;
  private static Map<String, List<SpecificRecord>> events;

  @BeforeAll
  static void generate() {
    history = DemoHistory.of(REGISTRY, TODAY, DemoHistory.SEED);
    events = new HashMap<>();
    long total = 0;
    for (String town : history.towns()) {
      List<SpecificRecord> of = history.eventsOf(town);
      events.put(town, of);
      total += of.size();
    }
    System.out.printf("demo history: %d events of %d towns, %.1f a town%n", total, history.towns().size(),
        (double) total / history.towns().size());
  }

  @Test
  void shouldCoverEveryTownOfTheProvinceButTheReferenceWhenGenerated() {
    Set<String> expected = new TreeSet<>(REGISTRY.townsIn("36").map(t -> t.town().code()).toList());
    assertTrue(expected.remove(DemoHistory.REFERENCE_TOWN), "the reference town is a town of 36");
    assertEquals(expected, new TreeSet<>(history.towns()));
    for (String town : history.towns()) {
      assertFalse(events.get(town).isEmpty(), town + " has no events");
      for (SpecificRecord event : events.get(town)) {
        assertEquals(town, ParsedEvent.townOf(event), "an event of " + town + " names another town");
      }
    }
    assertEquals(new DemoHistory.Summary("36", "江西省", 2019, 2025, expected.size()), history.summary());
  }

  @Test
  void shouldCloseEveryEndedYearOnceAfterItsEventsWhenATownPublishes() {
    int townsWithLate = 0;
    for (String town : history.towns()) {
      List<Integer> closed = new ArrayList<>();
      boolean late = false;
      for (SpecificRecord event : events.get(town)) {
        if (event instanceof YearClosedEvent close) {
          closed.add(close.getYear());
          continue;
        }
        int year = EventChecks.datedOn(event).getYear();
        assertTrue(year >= 2019 && year <= TODAY.getYear(), town + ": dated in " + year);
        if (closed.contains(year)) {
          late = true; // published after its year was closed
        }
      }
      assertEquals(List.of(2019, 2020, 2021, 2022, 2023, 2024, 2025), closed, town + " closes each ended year once, in order");
      if (late) {
        townsWithLate++;
      }
    }
    assertTrue(townsWithLate > 0 && townsWithLate < history.towns().size() / 20,
        "a few towns publish a late event, not many: " + townsWithLate);
  }

  @Test
  void shouldPassTheDoorChecksWhenEveryEventIsChecked() {
    EventChecks checks = new EventChecks(code -> REGISTRY.town(code).isPresent(),
        Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.ofHours(8)), EventChecks.CHINA));
    List<String> refused = new ArrayList<>();
    for (String town : history.towns()) {
      Set<String> ids = new HashSet<>();
      for (SpecificRecord event : events.get(town)) {
        Optional<Verdict.Rejected> rejected = checks.admit(town, event);
        rejected.ifPresent(r -> refused.add(town + ": " + r.message()));
        assertTrue(ids.add(ParsedEvent.eventIdOf(event)), town + ": eventId used twice " + ParsedEvent.eventIdOf(event));
        assertTrue(ParsedEvent.eventIdOf(event).startsWith(DemoHistory.EVENT_ID_PREFIX));
      }
    }
    assertEquals(List.of(), refused.subList(0, Math.min(5, refused.size())));
  }

  @Test
  void shouldGiveTheSameHistoryWhenGeneratedAgainFromTheSeed() {
    DemoHistory again = DemoHistory.of(REGISTRY, TODAY, DemoHistory.SEED);
    DemoHistory other = DemoHistory.of(REGISTRY, TODAY, DemoHistory.SEED + 1);
    for (String town : history.towns().subList(0, 50)) {
      assertEquals(events.get(town), again.eventsOf(town), town);
    }
    String town = history.towns().get(0);
    assertNotEquals(events.get(town), other.eventsOf(town), "another seed, another history");
  }

  @Test
  void shouldDrawEveryKindOfTownWhenTheProvinceIsGenerated() {
    Map<DemoTown.Profile, Integer> profiles = new EnumMap<>(DemoTown.Profile.class);
    for (String town : history.towns()) {
      profiles.merge(history.profileOf(town), 1, Integer::sum);
    }
    assertEquals(Set.of(DemoTown.Profile.values()), profiles.keySet(), profiles.toString());
    assertTrue(profiles.get(DemoTown.Profile.ORDINARY) > history.towns().size() * 0.8, profiles.toString());
  }

  @Test
  void shouldLeaveTheCurrentYearEmptyWhenATownIsSilent() {
    int silent = 0;
    for (String town : history.towns()) {
      if (history.profileOf(town) != DemoTown.Profile.SILENT) {
        continue;
      }
      silent++;
      Set<String> received = new HashSet<>();
      for (SpecificRecord event : events.get(town)) {
        if (!(event instanceof YearClosedEvent)) {
          assertTrue(EventChecks.datedOn(event).getYear() < TODAY.getYear(), town + ": " + event);
        }
        if (event instanceof RequestEvent request) {
          if (request.getChange() instanceof RequestConcluded) {
            received.remove(request.getRequestId());
          } else {
            received.add(request.getRequestId());
          }
        }
      }
      assertEquals(Set.of(), received, town + " carries requests into the current year");
    }
    assertTrue(silent > 0);
  }

  @Test
  void shouldHaveEventsInTheCurrentYearWhenATownIsNotSilent() {
    long towns = history.towns().stream()
        .filter(town -> history.profileOf(town) != DemoTown.Profile.SILENT)
        .filter(town -> events.get(town).stream().anyMatch(e -> !(e instanceof YearClosedEvent)
            && EventChecks.datedOn(e).getYear() == TODAY.getYear()))
        .count();
    assertTrue(towns > history.towns().size() * 0.8, "towns with figures this year: " + towns);
  }
}
