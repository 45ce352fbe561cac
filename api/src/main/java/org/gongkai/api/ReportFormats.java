package org.gongkai.api;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.render.CsvRenderer;
import org.gongkai.streams.report.render.HtmlRenderer;
import org.gongkai.streams.report.render.ReportRenderer;
import org.gongkai.streams.report.render.TextRenderer;

/**
 * Answers a report as JSON (the default), HTML laid out like the official tables, plain text
 * or CSV: chosen by {@code ?format=json|html|text|csv}, else by the Accept header.
 */
final class ReportFormats {
  private static final Map<String, ReportRenderer> RENDERERS =
      Map.of("html", new HtmlRenderer(), "text", new TextRenderer(), "csv", new CsvRenderer());
  private static final Map<String, String> ACCEPTED =
      Map.of("text/html", "html", "text/plain", "text", "text/csv", "csv", "application/json", "json");

  private ReportFormats() {}

  static void respond(Context ctx, Report report) {
    String format = format(ctx);
    if (format.equals("json")) {
      ctx.json(report);
      return;
    }
    ReportRenderer renderer = RENDERERS.get(format);
    ctx.contentType(renderer.contentType()).result(renderer.render(report, title(report)));
  }

  private static String format(Context ctx) {
    String asked = ctx.queryParam("format");
    if (asked != null) {
      if (!asked.equals("json") && !RENDERERS.containsKey(asked)) {
        throw ApiError.badRequest("format must be json, html, text or csv, got \"" + ReportRoutes.shorten(asked) + "\"");
      }
      return asked;
    }
    return fromAccept(ctx.header("Accept")).orElse("json");
  }

  /** The first media type of the Accept header that we can produce, in the client's order. */
  private static Optional<String> fromAccept(String accept) {
    if (accept == null) {
      return Optional.empty();
    }
    for (String part : accept.split(",")) {
      // split(";", 2): a part of only semicolons (Accept: ";") has no first element with split(";")
      String type = part.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (ACCEPTED.containsKey(type)) {
        return Optional.of(ACCEPTED.get(type));
      }
    }
    return Optional.empty();
  }

  /** 南港镇2020年度政府信息公开工作年度报告（统计表）; regions say they are a sum. */
  static String title(Report report) {
    Place place = report.town() != null ? report.town() : report.region();
    String name = place.name() != null ? place.name() : place.code();
    String kind = report.town() != null ? "（统计表）" : "（" + report.towns() + "个乡镇街道汇总）";
    return name + report.year() + "年度政府信息公开工作年度报告" + kind;
  }
}
