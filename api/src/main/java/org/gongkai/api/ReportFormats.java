package org.gongkai.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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
 * chosen by {@code ?format=json|html|text|csv}, else by the Accept header and its weights.
 */
final class ReportFormats {
  static final String JSON = "json";
  /** What Javalin's {@code ctx.json} answers with. */
  private static final String JSON_TYPE = "application/json";

  private static final Map<String, ReportRenderer> RENDERERS =
      Map.of("html", new HtmlRenderer(), "text", new TextRenderer(), "csv", new CsvRenderer());
  /** The media types a report comes in, in the order a tie between them is decided. */
  private static final Map<String, String> OFFERED = offered();
  /** The same plain mapper as the API's {@code ctx.json} (ApiServer), so the bytes are the same too. */
  private static final ObjectWriter JSON_WRITER = new ObjectMapper().writerFor(Report.class);

  private ReportFormats() {}

  private static Map<String, String> offered() {
    Map<String, String> offered = new LinkedHashMap<>();
    offered.put(JSON_TYPE, JSON);
    offered.put("text/html", "html");
    offered.put("text/plain", "text");
    offered.put("text/csv", "csv");
    return java.util.Collections.unmodifiableMap(offered);
  }

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
        renderer.contentType(), format.equals("csv") ? attachment(report, "csv") : null);
  }

  /**
   * A download named after the place and year, {@code 360923105-南港镇-2020.csv}: RFC 6266 with
   * the name in UTF-8 (RFC 8187 {@code filename*}), and a plain ASCII {@code filename} for clients
   * that know only that.
   */
  static String attachment(Report report, String extension) {
    Place place = report.town() != null ? report.town() : report.region();
    String ascii = place.code() + "-" + report.year() + "." + extension;
    String name = place.code() + "-" + (place.name() != null ? place.name() + "-" : "") + report.year() + "." + extension;
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(name);
  }

  /** RFC 8187 value-chars: attr-char as is, every other byte of the UTF-8 form as %XX. */
  private static String percentEncoded(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /**
   * The format the Accept header prefers (RFC 9110 section 12.5.1): each format takes the weight
   * ({@code q}) of the most specific range that matches its media type ({@code text/csv} over
   * {@code text/*} over {@code *}{@code /*}); the heaviest wins, a tie goes to the range the
   * client named first, then to JSON, HTML, text, CSV in that order. {@code q=0} excludes.
   * Empty when the header names no media range at all (absent, or only separators): JSON.
   *
   * @throws ApiError 406 when it names ranges but none of the formats is acceptable
   */
  static Optional<String> fromAccept(String accept) {
    if (accept == null) {
      return Optional.empty();
    }
    List<AcceptRange> ranges = AcceptRange.parse(accept);
    if (ranges.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    AcceptRange bestRange = null;
    for (Map.Entry<String, String> offered : OFFERED.entrySet()) {
      AcceptRange range = AcceptRange.mostSpecific(ranges, offered.getKey());
      if (range == null || range.q() <= 0) {
        continue;
      }
      if (bestRange == null || range.q() > bestRange.q() || (range.q() == bestRange.q() && range.order() < bestRange.order())) {
        best = offered.getValue();
        bestRange = range;
      }
    }
    if (best == null) {
      throw ApiError.notAcceptable("the Accept header \"" + ReportRoutes.shorten(accept) + "\" allows none of the "
          + "formats a report comes in: " + String.join(", ", OFFERED.keySet()) + " (or ask ?format=json|html|text|csv)");
    }
    return Optional.of(best);
  }

  /** 南港镇2020年度政府信息公开工作年度报告（统计表）; regions say they are a sum. */
  static String title(Report report) {
    Place place = report.town() != null ? report.town() : report.region();
    String name = place.name() != null ? place.name() : place.code();
    String kind = report.town() != null ? "（统计表）" : "（" + report.towns() + "个乡镇街道汇总）";
    return name + report.year() + "年度政府信息公开工作年度报告" + kind;
  }
}
