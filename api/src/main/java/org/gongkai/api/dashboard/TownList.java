package org.gongkai.api.dashboard;

import io.javalin.http.Context;
import io.javalin.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.gongkai.api.ApiError;
import org.gongkai.api.ReportRoutes;
import org.gongkai.api.TownRow;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.render.CsvRenderer;

/**
 * A region's towns list as asked: sorted, filtered by text ({@code q}: in the code, the name or
 * the county's name) and status, and paged ({@code offset}, {@code limit}, with the {@code total}
 * after the filter); or all the filtered rows as CSV with Chinese headers.
 */
public final class TownList {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 5000;
  private static final Set<String> STATUSES = Set.of(Report.OPEN, Report.FINAL, Labels.NO_FIGURES);
  private static final String CRLF = "\r\n";

  /** The CSV's columns, in order, each with how a row gives its cell. */
  private static final Map<String, Function<TownRow, Object>> COLUMNS = columns();

  private static Map<String, Function<TownRow, Object>> columns() {
    Map<String, Function<TownRow, Object>> columns = new LinkedHashMap<>();
    columns.put("code", TownRow::code);
    columns.put("name", TownRow::name);
    columns.put("county", TownRow::county);
    columns.put("status", row -> Labels.townStatus(row.status()));
    columns.put("received", TownRow::received);
    columns.put("concluded_total", TownRow::concludedTotal);
    columns.put("carried_forward", TownRow::carriedForward);
    columns.put("granted_share", row -> row.grantedShare() == null ? null : row.grantedShare().toPlainString());
    columns.put("procurement_amount", TownRow::procurementAmount);
    columns.put("appeals_total", TownRow::appealsTotal);
    return columns;
  }

  /** What the client asked for. */
  public record Query(String sort, String order, String q, String status, int offset, int limit, boolean csv) {}

  private TownList() {}

  /**
   * The query of the request; 400 for an unknown sort key, order or status, a bad offset or limit.
   *
   * @param format the format asked ({@code ?format=} or Accept, as for reports): json or csv
   */
  public static Query query(Context ctx, String format) {
    String sort = ctx.queryParam("sort") == null ? "code" : ctx.queryParam("sort");
    if (!TownRow.SORTS.containsKey(sort)) {
      throw ApiError.badRequest("sort must be one of " + String.join(", ", TownRow.SORTS.keySet().stream().sorted().toList())
          + ", got \"" + ReportRoutes.shorten(sort) + "\"");
    }
    String order = ctx.queryParam("order") == null ? "asc" : ctx.queryParam("order");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw ApiError.badRequest("order must be asc or desc, got \"" + ReportRoutes.shorten(order) + "\"");
    }
    String status = ctx.queryParam("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest("status must be open, final or no_figures, got \"" + ReportRoutes.shorten(status) + "\"");
    }
    String q = ctx.queryParam("q");
    if (q != null && q.length() > 100) {
      throw ApiError.badRequest("q is at most 100 characters, got " + q.length());
    }
    String asked = ctx.queryParam("format");
    if (asked != null && !asked.equals("json") && !asked.equals("csv")) {
      throw ApiError.badRequest("the towns list comes as json or csv, got format \"" + ReportRoutes.shorten(asked) + "\"");
    }
    int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    return new Query(sort, order, q == null || q.isBlank() ? null : q.strip(), status, offset, limit, "csv".equals(format));
  }

  private static int number(Context ctx, String name, int otherwise, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return otherwise;
    }
    if (!raw.matches("\\d{1,10}") || Long.parseLong(raw) < min || Long.parseLong(raw) > max) {
      throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max + ", got \""
          + ReportRoutes.shorten(raw) + "\"");
    }
    return Integer.parseInt(raw);
  }

  /** The rows that pass the filter, in the asked order. */
  static List<TownRow> filtered(List<TownRow> rows, Query query) {
    Comparator<TownRow> order = TownRow.SORTS.get(query.sort()).thenComparing(TownRow::code);
    String text = query.q() == null ? null : query.q().toLowerCase(Locale.ROOT);
    return rows.stream()
        .filter(row -> query.status() == null || query.status().equals(row.status()))
        .filter(row -> text == null || row.code().startsWith(text) || row.name().toLowerCase(Locale.ROOT).contains(text)
            || row.county().toLowerCase(Locale.ROOT).contains(text))
        .sorted(query.order().equals("asc") ? order : order.reversed())
        .toList();
  }

  /** An encoded answer: kept and sent again as long as its rows are the stores' ({@code KeptTownRows}). */
  public record Answer(String contentType, String disposition, byte[] body) {
    public void send(Context ctx) {
      if (disposition != null) {
        ctx.header("Content-Disposition", disposition);
      }
      ctx.contentType(contentType).result(body);
    }
  }

  /** Sends the list: a page of JSON, or every filtered row as CSV. */
  public static void send(Context ctx, Place region, int year, List<TownRow> rows, Query query) {
    answer(ctx.jsonMapper(), region, year, rows, query).send(ctx);
  }

  /** The list encoded: a page of JSON, or every filtered row as CSV. */
  public static Answer answer(JsonMapper json, Place region, int year, List<TownRow> rows, Query query) {
    List<TownRow> filtered = filtered(rows, query);
    if (query.csv()) {
      return new Answer("text/csv; charset=utf-8", "attachment; filename=\"towns-" + region.code() + "-" + year + ".csv\"",
          csv(filtered).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("region", region);
    body.put("year", year);
    body.put("sort", query.sort());
    body.put("order", query.order());
    body.put("q", query.q());
    body.put("status", query.status());
    body.put("total", filtered.size());
    body.put("offset", query.offset());
    body.put("limit", query.limit());
    int from = (int) Math.min(query.offset(), filtered.size());
    body.put("towns", filtered.subList(from, (int) Math.min((long) from + query.limit(), filtered.size())));
    return new Answer("application/json", null, json.toJsonString(body, Map.class).getBytes(StandardCharsets.UTF_8));
  }

  /** The rows as CSV: a BOM (for Excel), the Chinese header, one record per town. */
  static String csv(List<TownRow> rows) {
    StringBuilder out = new StringBuilder(CsvRenderer.BOM);
    out.append(String.join(",", COLUMNS.keySet().stream().map(Labels::dashboard).map(CsvRenderer::quote).toList()))
        .append(CRLF);
    for (TownRow row : rows) {
      out.append(String.join(",", COLUMNS.values().stream()
          .map(cell -> cell.apply(row))
          .map(value -> value == null ? "" : CsvRenderer.quote(value instanceof BigDecimal d ? d.toPlainString() : value.toString()))
          .toList())).append(CRLF);
    }
    return out.toString();
  }
}
