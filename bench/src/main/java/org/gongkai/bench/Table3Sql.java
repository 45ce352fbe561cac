package org.gongkai.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;

/**
 * The SQL a user of PostgreSQL would write for table 三 (requests by applicant column and outcome
 * row, domain.md §3 and §5) over one plain {@code events} table: each request's receipt joined to
 * its conclusion, then counted with {@code FILTER} per row. One result row per place and column
 * (the six applicant columns and {@code total}, from {@code GROUPING SETS}); its columns are the
 * table's row keys in order.
 */
final class Table3Sql {
  static final String TABLE = "events";
  /** The result columns after {@code place} and {@code col}: the row keys of table 三, in order. */
  static final List<String> ROWS = rows();

  private Table3Sql() {}

  private static List<String> rows() {
    List<String> rows = new ArrayList<>(List.of("received", "carried_over"));
    Arrays.stream(Outcome.values()).map(Enum::name).forEach(rows::add);
    rows.add("concluded_total");
    rows.add("carried_forward");
    return List.copyOf(rows);
  }

  /** The applicant columns and {@code total}, as {@code col} holds them. */
  static List<String> columns() {
    List<String> columns = new ArrayList<>(Arrays.stream(Applicant.values()).map(Enum::name).toList());
    columns.add("total");
    return columns;
  }

  static String createTable() {
    return "CREATE TABLE " + TABLE + " (event_id text NOT NULL, town char(9) NOT NULL, kind text NOT NULL, "
        + "object_id text, day date, detail text, amount_fen bigint)";
  }

  static String copy() {
    return "COPY " + TABLE + " (event_id, town, kind, object_id, day, detail, amount_fen) FROM STDIN (FORMAT csv)";
  }

  /** What the one-town query and the receipt-to-conclusion join look up by. */
  static String createIndex() {
    return "CREATE INDEX events_town_kind_object ON " + TABLE + " (town, kind, object_id)";
  }

  /**
   * Table 三 of {@code year} for every town with requests and every province (the first two digits
   * of the town code): {@code place} is the town or province code, {@code col} the applicant column
   * or {@code total}.
   */
  static String allPlaces(int year) {
    return query(year, false);
  }

  /** Table 三 of {@code year} for the one town given as the statement's only parameter. */
  static String oneTown(int year) {
    return query(year, true);
  }

  private static String query(int year, boolean oneTown) {
    String from = "DATE '" + year + "-01-01'";
    String to = "DATE '" + year + "-12-31'";
    StringBuilder sql = new StringBuilder();
    sql.append("WITH requests AS (SELECT r.town, left(r.town, 2) AS province, r.detail AS applicant, ")
        .append("r.day AS received_on, c.detail AS outcome, c.day AS concluded_on FROM ").append(TABLE).append(" r LEFT JOIN ")
        .append(TABLE).append(" c ON c.town = r.town AND c.kind = 'request.concluded' AND c.object_id = r.object_id ")
        .append("WHERE r.kind = 'request.received'").append(oneTown ? " AND r.town = ?" : "").append(")\n");
    sql.append(oneTown ? "SELECT min(town) AS place" : "SELECT coalesce(town, province) AS place")
        .append(", coalesce(applicant, 'total') AS col");
    String concludedInYear = "concluded_on BETWEEN " + from + " AND " + to;
    sql.append(",\n  count(*) FILTER (WHERE received_on BETWEEN ").append(from).append(" AND ").append(to).append(") AS received");
    sql.append(",\n  count(*) FILTER (WHERE received_on < ").append(from)
        .append(" AND (concluded_on IS NULL OR concluded_on >= ").append(from).append(")) AS carried_over");
    for (Outcome outcome : Outcome.values()) {
      sql.append(",\n  count(*) FILTER (WHERE ").append(concludedInYear).append(" AND outcome = '")
          .append(outcome.name()).append("') AS ").append(outcome.name());
    }
    sql.append(",\n  count(*) FILTER (WHERE ").append(concludedInYear).append(") AS concluded_total");
    sql.append(",\n  count(*) FILTER (WHERE received_on <= ").append(to)
        .append(" AND (concluded_on IS NULL OR concluded_on > ").append(to).append(")) AS carried_forward");
    sql.append("\nFROM requests GROUP BY GROUPING SETS ")
        .append(oneTown ? "((applicant), ())" : "((province, town, applicant), (province, town), (province, applicant), (province))");
    return sql.toString();
  }
}
