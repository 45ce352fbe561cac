package org.gongkai.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;

/** Fast checks of the synthetic dataset: deterministic, valid for the ledgers, plausible in size. */
class NationalDatasetTest {
  private static final List<String> ALL = Towns.all(DivisionRegistry.load());

  @Test
  void allTownsOfTheRegistryAndAnEvenSampleWithTheReferenceTown() {
    assertEquals(41_352, ALL.size());
    List<String> sample = Towns.sample(ALL, 500);
    assertEquals(500, sample.size());
    assertTrue(sample.contains(Towns.REFERENCE));
    assertEquals(500, new HashSet<>(sample).size());
    assertTrue(sample.stream().map(t -> t.substring(0, 2)).distinct().count() >= 30, "spread over the provinces");
  }

  @Test
  void sameSeedSameBytesAndATownDoesNotDependOnTheOthers() {
    List<String> small = Towns.sample(ALL, 50);
    List<byte[]> a = encoded(NationalDataset.generate(small, 7, true), Towns.REFERENCE);
    List<byte[]> b = encoded(NationalDataset.generate(small, 7, true), Towns.REFERENCE);
    List<byte[]> c = encoded(NationalDataset.generate(List.of(Towns.REFERENCE), 7, true), Towns.REFERENCE);
    assertEquals(a.size(), b.size());
    assertEquals(a.size(), c.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
      assertArrayEquals(a.get(i), c.get(i));
    }
  }

  @Test
  void plausibleSizeAndMix() {
    List<String> towns = Towns.sample(ALL, 2000);
    NationalDataset data = NationalDataset.generate(towns, 20240101L, true);
    double perTown = (double) data.events2024() / towns.size();
    assertTrue(perTown > 85 && perTown < 110, "about 97 events a town in 2024, got " + perTown);
    double carried = (double) data.carriedRequests() / data.requests();
    assertTrue(carried > 0.012 && carried < 0.03, "about 2% of requests concluded next year, got " + carried);
    assertEquals(towns.size(), data.count(NationalDataset.YEAR_CLOSED));
    assertEquals(data.carriedRequests() + data.pendingAppeals() + towns.size(), data.events2025());
  }

  @Test
  void everyEventIsValidForTheLedgers() {
    NationalDataset data = NationalDataset.generate(Towns.sample(ALL, 300), 3, true);
    Map<String, Integer> received = new HashMap<>();
    Set<String> concluded = new HashSet<>();
    Set<String> eventIds = new HashSet<>();
    Set<String> projects = new HashSet<>();
    for (boolean y2025 : new boolean[] {false, true}) {
      data.produce(y2025, (topic, key, value) -> {
        assertEquals(Topics.EVENTS.name(), topic);
        Object payload = Topics.EVENTS.decode(value).getPayload();
        if (payload instanceof RequestEvent e) {
          assertEquals(key, e.getTown());
          assertTrue(eventIds.add(e.getEventId()));
          String id = e.getTown() + "|" + e.getRequestId();
          int day = (int) e.getDate().toEpochDay();
          if (e.getChange() instanceof org.gongkai.events.RequestReceived) {
            assertTrue(received.put(id, day) == null, "received once: " + id);
          } else {
            Integer at = received.get(id);
            assertTrue(at != null && at < day, "concluded after receipt: " + id);
            assertTrue(concluded.add(id), "one outcome: " + id);
          }
        } else if (payload instanceof ProcurementEvent e) {
          assertTrue(eventIds.add(e.getEventId()));
          assertTrue(projects.add(e.getTown() + "|" + e.getProjectId()));
          assertTrue(e.getAmountYuan().matches("\\d+\\.\\d\\d"), e.getAmountYuan());
          assertEquals(2024, e.getDate().getYear());
        }
      });
    }
    assertEquals(received.size(), concluded.size(), "every request concluded by January 2025");
  }

  @Test
  void yuanHasTwoDecimals() {
    assertEquals("0.05", NationalDataset.yuan(5));
    assertEquals("1234.50", NationalDataset.yuan(123450));
    assertEquals("100.00", NationalDataset.yuan(10000));
  }

  private static List<byte[]> encoded(NationalDataset data, String town) {
    List<byte[]> out = new ArrayList<>();
    for (boolean y2025 : new boolean[] {false, true}) {
      data.produce(y2025, (topic, key, value) -> {
        if (key.equals(town)) {
          out.add(value);
        }
      });
    }
    return out;
  }
}
