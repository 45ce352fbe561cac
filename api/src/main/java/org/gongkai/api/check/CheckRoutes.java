package org.gongkai.api.check;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.api.security.HttpRefusal;
import org.gongkai.streams.report.imported.NotAReport;
import org.gongkai.streams.report.imported.ReportChecker;

/**
 * {@code POST /api/v1/checks}: a published report (its text or HTML page, UTF-8) in the body,
 * checked against R1–R8 like {@code gongkai check}; the answer is the same JSON
 * ({@link org.gongkai.streams.report.imported.ReportCheck}). Public and stateless: nothing is
 * stored, no broker is needed. Refusals, each with a JSON error body: 413 above
 * {@link ReportChecker#MAX_BYTES} (told by {@code Content-Length} before the body is read),
 * 415 for a body declared in another charset, 400 for an empty body or one that is not UTF-8,
 * 422 for a text that is not a report or is cut short.
 */
public final class CheckRoutes {
  public static final String CHECKS = "/api/v1/checks";
  private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

  public void register(RoutesConfig routes) {
    routes.post(CHECKS, this::check);
  }

  private void check(Context ctx) {
    if (ctx.contentLength() > ReportChecker.MAX_BYTES) {
      throw tooLarge(ctx.contentLength());
    }
    String contentType = ctx.contentType();
    if (contentType != null) {
      Matcher charset = CHARSET.matcher(contentType);
      if (charset.find() && !isUtf8(charset.group(1))) {
        throw new HttpRefusal(415, "the report must be sent as UTF-8, not " + charset.group(1)
            + " (convert it: iconv -f " + charset.group(1).toUpperCase(Locale.ROOT) + " -t UTF-8)");
      }
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > ReportChecker.MAX_BYTES) {
      throw tooLarge(body.length);
    }
    if (body.length == 0) {
      throw new HttpRefusal(400, "the body is empty: send the report's text or HTML page (UTF-8)");
    }
    try {
      ctx.json(ReportChecker.check(body));
    } catch (NotAReport e) {
      int status = switch (e.reason()) {
        case TOO_LARGE -> 413;
        case NOT_UTF8 -> 400;
        case NOT_A_REPORT, TRUNCATED -> 422;
      };
      throw new HttpRefusal(status, e.getMessage());
    }
  }

  private static boolean isUtf8(String name) {
    try {
      return Charset.forName(name).equals(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static HttpRefusal tooLarge(long bytes) {
    return new HttpRefusal(413, "the report is " + bytes + " bytes, above the cap of "
        + (ReportChecker.MAX_BYTES >> 20) + " MiB (a published report is tens of KiB); nothing was read");
  }
}
