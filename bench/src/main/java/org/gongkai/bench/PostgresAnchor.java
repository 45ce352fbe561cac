package org.gongkai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.gongkai.schemas.Topics;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * What a user would pick instead of Gongkai: the same events in one PostgreSQL table, loaded with
 * COPY (decoded from the same Avro bytes the topic holds), indexed, and table 三 computed in SQL
 * ({@link Table3Sql}) for every town and province at once, and for one town as a report would ask.
 */
final class PostgresAnchor {
  private static final int TOWN_QUERIES = 200;
  private static final int WARM_QUERIES = 20;

  record Result(String version, long rows, double copySeconds, double indexSeconds, double loadSeconds,
      double firstQuerySeconds, double bestQuerySeconds, long places, long townsWithRequests,
      Histogram townQueryMicros, Map<String, Map<String, Long>> referenceTable) {
    double townP(double percentile) {
      return townQueryMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private PostgresAnchor() {}

  static Result run(PostgresCluster cluster, NationalDataset data, int year, String referenceTown) throws Exception {
    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), PostgresCluster.USER, "")) {
      try (Statement s = c.createStatement()) {
        s.execute(Table3Sql.createTable());
      }
      long t0 = System.nanoTime();
      long rows = copy(c, data);
      double copySeconds = NationalBenchmark.seconds(t0);
      long t1 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute(Table3Sql.createIndex());
        s.execute("ANALYZE " + Table3Sql.TABLE);
      }
      double indexSeconds = NationalBenchmark.seconds(t1);

      // Every town and province, twice: the first run right after the load, the second warm.
      double first = 0;
      double best = Double.MAX_VALUE;
      long places = 0;
      long towns = 0;
      for (int pass = 0; pass < 2; pass++) {
        long q = System.nanoTime();
        Set<String> seen = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(Table3Sql.allPlaces(year))) {
          while (rs.next()) {
            seen.add(rs.getString("place"));
            for (String row : Table3Sql.ROWS) {
              rs.getLong(row);
            }
          }
        }
        double seconds = NationalBenchmark.seconds(q);
        first = pass == 0 ? seconds : first;
        best = Math.min(best, seconds);
        places = seen.size();
        towns = seen.stream().filter(p -> p.length() == 9).count();
      }

      // One town's table, as a report request would ask it: a prepared statement, sequentially.
      Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
      Map<String, Map<String, Long>> reference = null;
      try (PreparedStatement ps = c.prepareStatement(Table3Sql.oneTown(year))) {
        for (int i = 0; i < WARM_QUERIES + TOWN_QUERIES; i++) {
          long q = System.nanoTime();
          ps.setString(1, referenceTown);
          Map<String, Map<String, Long>> table = new LinkedHashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String col = rs.getString("col");
              for (String row : Table3Sql.ROWS) {
                table.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(col, rs.getLong(row));
              }
            }
          }
          if (i >= WARM_QUERIES) {
            micros.recordValue((System.nanoTime() - q) / 1000);
          }
          reference = table;
        }
      }
      return new Result(cluster.version, rows, copySeconds, indexSeconds, copySeconds + indexSeconds, first, best,
          places, towns, micros, reference);
    }
  }

  /** Decodes every event of the dataset and streams it to COPY in 1 MB chunks. */
  private static long copy(Connection c, NationalDataset data) throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(Table3Sql.copy());
    StringBuilder csv = new StringBuilder(1 << 21);
    long[] rows = {0};
    try {
      for (boolean year2025 : new boolean[] {false, true}) {
        data.produce(year2025, (topic, key, value) -> {
          EventRows.appendCsv(csv, Topics.EVENTS.decode(value));
          rows[0]++;
          if (csv.length() >= 1 << 20) {
            flush(copy, csv);
          }
        });
      }
      flush(copy, csv);
      long copied = copy.endCopy();
      if (copied != rows[0]) {
        throw new IllegalStateException("COPY took " + copied + " rows, sent " + rows[0]);
      }
      return copied;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void flush(CopyIn copy, StringBuilder csv) {
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    try {
      copy.writeToCopy(bytes, 0, bytes.length);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
    }
    csv.setLength(0);
  }

  /**
   * The cells where PostgreSQL's table 三 of the town differs from Gongkai's report
   * ({@code requests.rows}), over the rows and columns both have; empty when they agree.
   */
  static List<String> differences(Map<String, Map<String, Long>> sql, JsonNode report) {
    List<String> out = new ArrayList<>();
    JsonNode rows = report.path("requests").path("rows");
    if (rows.isMissingNode() || rows.isEmpty()) {
      out.add("the report has no requests.rows");
      return out;
    }
    rows.fields().forEachRemaining(row -> {
      Map<String, Long> ours = sql.get(row.getKey());
      if (ours == null) {
        return;
      }
      row.getValue().fields().forEachRemaining(col -> {
        long expected = col.getValue().asLong();
        long got = ours.getOrDefault(col.getKey(), 0L);
        if (expected != got) {
          out.add(row.getKey() + "/" + col.getKey() + ": Gongkai " + expected + ", SQL " + got);
        }
      });
    });
    return out;
  }
}
