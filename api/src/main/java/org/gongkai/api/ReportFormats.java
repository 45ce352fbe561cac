package org.gongkai.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.render.CsvRenderer;
import org.gongkai.streams.report.render.HtmlRenderer;
import org.gongkai.streams.report.render.ReportRenderer;
import org.gongkai.streams.report.render.TextRenderer;

/**
 * A report as JSON (the default), HTML laid out like the official tables, plain text or CSV:
 * chosen by {@code ?format=json|html|text|csv}, else by the Accept header.
 */
final class ReportFormats {
  static final String JSON = "json";
  /** What Javalin's {@code ctx.json} answers with. */
  private static final String JSON_TYPE = "application/json";

  private static final Map<String, ReportRenderer> RENDERERS =
      Map.of("html", new HtmlRenderer(), "text", new TextRenderer(), "csv", new CsvRenderer());
  private static final Map<String, String> ACCEPTED =
      Map.of("text/html", "html", "text/plain", "text", "text/csv", "csv", "application/json", JSON);
  /** The same plain mapper as the API's {@code ctx.json} (ApiServer), so the bytes are the same too. */
  private static final ObjectWriter JSON_WRITER = new ObjectMapper().writerFor(Report.class);

  private ReportFormats() {}

  /** The format the client asks for: json, html, text or csv; 400 for any other {@code ?format}. */
  static String asked(Context ctx) {
    String asked = ctx.queryParam("format");
    if (asked != null) {
      if (!asked.equals(JSON) && !RENDERERS.containsKey(asked)) {
        throw ApiError.badRequest("format must be json, html, text or csv, got \"" + ReportRoutes.shorten(asked) + "\"");
      }
      return asked;
    }
    return fromAccept(ctx.header("Accept")).orElse(JSON);
  }

  /** The finished answer: the report in that format, as the bytes to send. */
  static ReportAnswer render(Report report, String format) {
    if (format.equals(JSON)) {
      try {
        return new ReportAnswer(JSON_WRITER.writeValueAsBytes(report), JSON_TYPE);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a report could not be written as JSON", e);
      }
    }
    ReportRenderer renderer = RENDERERS.get(format);
    return new ReportAnswer(renderer.render(report, title(report)).getBytes(StandardCharsets.UTF_8),
        renderer.contentType());
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
