package org.gongkai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.schemas.TrustedPackages;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL anchor's SQL against table 三 counted here from the dataset's own events (domain.md
 * §5), on a real throwaway cluster; skipped where PostgreSQL is not installed.
 */
class PostgresAnchorTest {
  @BeforeAll
  static void trust() {
    TrustedPackages.install();
  }

  @Test
  void tableThreeInSqlEqualsTheCountingRulesAppliedToTheEvents() throws Exception {
    Optional<Path> bin = PostgresCluster.binaries();
    assumeTrue(bin.isPresent(), "PostgreSQL is not installed");
    List<String> towns = Towns.sample(Towns.all(DivisionRegistry.load()), 40);
    NationalDataset data = NationalDataset.generate(towns, 11, true);
    PostgresAnchor.Result pg;
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (PostgresCluster cluster = PostgresCluster.start(bin.get(), port)) {
      pg = PostgresAnchor.run(cluster, data, NationalDataset.YEAR, Towns.REFERENCE);
    }
    assertEquals(data.events2024() + data.events2025(), pg.rows());
    long provinces = towns.stream().map(t -> t.substring(0, 2)).distinct().count();
    assertEquals(pg.townsWithRequests() + provinces, pg.places(), "every town with requests and every province");

    Map<String, Map<String, Long>> expected = countedHere(data.eventsOf(Towns.REFERENCE));
    for (String row : Table3Sql.ROWS) {
      for (String col : Table3Sql.columns()) {
        long want = expected.getOrDefault(row, Map.of()).getOrDefault(col, 0L);
        long got = pg.referenceTable().getOrDefault(row, Map.of()).getOrDefault(col, 0L);
        assertEquals(want, got, row + "/" + col);
      }
    }
    assertTrue(expected.get("received").get("total") > 0, "the reference town has requests in 2024");
  }

  /** Table 三 of 2024 for one town's events: receipts dated 2024, conclusions in 2024, carried forward into 2025. */
  private static Map<String, Map<String, Long>> countedHere(List<NationalDataset.Ev> events) {
    Map<Integer, String> applicantOf = new HashMap<>();
    Map<String, Map<String, Long>> table = new LinkedHashMap<>();
    Map<Integer, Boolean> concluded2024 = new HashMap<>();
    for (NationalDataset.Ev ev : events) {
      if (ev.type() == NationalDataset.REQ_RECEIVED) {
        String applicant = Applicant.values()[ev.sub()].name();
        applicantOf.put(ev.object(), applicant);
        if (ev.day() < NationalDataset.DAYS_IN_YEAR) {
          add(table, "received", applicant);
        }
      }
    }
    for (NationalDataset.Ev ev : events) {
      if (ev.type() == NationalDataset.REQ_CONCLUDED) {
        boolean in2024 = ev.day() < NationalDataset.DAYS_IN_YEAR;
        concluded2024.put(ev.object(), in2024);
        if (in2024) {
          add(table, Outcome.values()[ev.sub()].name(), applicantOf.get(ev.object()));
          add(table, "concluded_total", applicantOf.get(ev.object()));
        }
      }
    }
    applicantOf.forEach((request, applicant) -> {
      if (!concluded2024.getOrDefault(request, false)) {
        add(table, "carried_forward", applicant);
      }
    });
    return table;
  }

  private static void add(Map<String, Map<String, Long>> table, String row, String applicant) {
    table.computeIfAbsent(row, k -> new HashMap<>()).merge(applicant, 1L, Long::sum);
    table.get(row).merge("total", 1L, Long::sum);
  }

  @Test
  void differencesNameTheCellsWhereTheReportAndTheSqlDisagree() {
    ObjectNode report = new ObjectMapper().createObjectNode();
    ObjectNode rows = report.putObject("requests").putObject("rows");
    rows.putObject("received").put("natural_person", 3).put("total", 3);
    rows.putObject("granted").put("natural_person", 2).put("total", 2);
    Map<String, Map<String, Long>> sql = Map.of(
        "received", Map.of("natural_person", 3L, "total", 3L),
        "granted", Map.of("natural_person", 1L, "total", 1L));
    assertEquals(List.of("granted/natural_person: Gongkai 2, SQL 1", "granted/total: Gongkai 2, SQL 1"),
        PostgresAnchor.differences(sql, report));
    assertEquals(List.of(), PostgresAnchor.differences(Map.of(
        "received", Map.of("natural_person", 3L, "total", 3L),
        "granted", Map.of("natural_person", 2L, "total", 2L)), report));
  }
}
