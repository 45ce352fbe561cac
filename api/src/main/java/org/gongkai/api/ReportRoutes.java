package org.gongkai.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.report.Template;

/** The HTTP routes for reports; they validate the path and ask {@link ReportQueries}. */
public final class ReportRoutes {
  private static final Pattern TOWN = Pattern.compile("\\d{9}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private final ReportQueries queries;
  private final Predicate<String> knownTown;

  public ReportRoutes(ReportQueries queries, Predicate<String> knownTown) {
    this.queries = queries;
    this.knownTown = knownTown;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/towns/{town}/reports/{year}", this::townReport);
  }

  private void townReport(Context ctx) {
    String town = town(ctx.pathParam("town"));
    int year = year(ctx.pathParam("year"));
    ctx.json(queries.town(town, year).orElseThrow(() -> ApiError.notFound(
        "town " + town + " has no events up to " + year + ", so it has no report for " + year)));
  }

  private String town(String raw) {
    if (!TOWN.matcher(raw).matches()) {
      throw ApiError.badRequest("town must be a 9-digit town code such as 360923105, got \"" + shorten(raw) + "\"");
    }
    if (!knownTown.test(raw)) {
      throw ApiError.notFound("town " + raw + " is not in the division registry (NBS 2023 codes)");
    }
    return raw;
  }

  static int year(String raw) {
    if (!YEAR.matcher(raw).matches()) {
      throw ApiError.badRequest("year must be a 4-digit year such as 2020, got \"" + shorten(raw) + "\"");
    }
    int year = Integer.parseInt(raw);
    if (year < Template.FIRST_YEAR) {
      throw ApiError.notFound("reports exist from " + Template.FIRST_YEAR + " (template "
          + Template.T2019.notice() + "); there is none for " + year);
    }
    int thisYear = LocalDate.now(EventChecks.CHINA).getYear();
    if (year > thisYear) {
      throw ApiError.notFound("year " + year + " has not begun; the latest report year is " + thisYear);
    }
    return year;
  }

  static String shorten(String raw) {
    String cleaned = raw.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() <= 40 ? cleaned : cleaned.substring(0, 40) + "…";
  }
}
