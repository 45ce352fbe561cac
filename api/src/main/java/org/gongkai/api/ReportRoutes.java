package org.gongkai.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.streams.StoreNames;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import java.util.LinkedHashMap;
import org.gongkai.state.ImportedState;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.report.Template;
import org.gongkai.api.dashboard.TownList;

/**
 * The HTTP routes for reports; they validate the request and ask {@link ReportAnswers} (one
 * town's or region's report) or {@link ReportQueries} (a region's list of towns).
 */
public final class ReportRoutes {
  public static final String TOWN_REPORT = "/api/v1/towns/{town}/reports/{year}";
  public static final String REGION_REPORT = "/api/v1/regions/{region}/reports/{year}";
  public static final String REGION_TOWNS = "/api/v1/regions/{region}/towns";
  /** Where a year has both an imported report and events: every cell in which they differ. */
  public static final String PUBLISHED_VS_COMPUTED = "/api/v1/towns/{town}/reports/{year}/published-vs-computed";
  /** For the other instances: a region's partial sums of this instance's partitions ({@link RemoteRegionPartials}). */
  public static final String REGION_PARTIALS = "/internal/v1/regions/{region}/partials";

  private static final Pattern TOWN = Pattern.compile("\\d{9}");
  private static final Pattern REGION = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReportQueries queries;
  private final ReportAnswers answers;
  private final InstanceRouter router;
  private final DivisionRegistry registry;
  private final Places places;
  private final KeptTownRows keptRows = new KeptTownRows();

  public ReportRoutes(ReportQueries queries, InstanceRouter router, DivisionRegistry registry) {
    this.queries = queries;
    this.answers = new ReportAnswers(queries);
    this.router = router;
    this.registry = registry;
    this.places = new Places(registry);
  }

  /** The report answers these routes send, with their cache's counts (for {@code /metrics}). */
  public ReportAnswers answers() {
    return answers;
  }

  public void register(RoutesConfig routes) {
    routes.get(TOWN_REPORT, this::townReport);
    routes.get(REGION_REPORT, this::regionReport);
    routes.get(REGION_TOWNS, this::regionTowns);
    routes.get(PUBLISHED_VS_COMPUTED, this::publishedVsComputed);
    routes.get(REGION_PARTIALS, this::regionPartials);
  }

  private void townReport(Context ctx) {
    Place town = town(ctx.pathParam("town"));
    int year = year(ctx.pathParam("year"));
    Optional<HostInfo> owner = router.remoteOwner(StoreNames.TALLIES, town.code());
    if (owner.isPresent()) {
      router.forward(ctx, owner.get());
      return;
    }
    String format = ReportFormats.asked(ctx);
    answers.town(town, year, format).orElseThrow(() -> ApiError.notFound(
        "town " + town.code() + " (" + town.name() + ") has no events up to " + year + ", so it has no report for " + year)).send(ctx);
  }

  private void publishedVsComputed(Context ctx) {
    Place town = town(ctx.pathParam("town"));
    int year = year(ctx.pathParam("year"));
    Optional<HostInfo> owner = router.remoteOwner(StoreNames.TALLIES, town.code());
    if (owner.isPresent()) {
      router.forward(ctx, owner.get());
      return;
    }
    ImportedState imported = queries.imported(town.code(), year);
    if (imported == null) {
      throw ApiError.notFound("town " + town.code() + " (" + town.name() + ") has no imported report for " + year);
    }
    if (imported.getCounted()) {
      throw ApiError.notFound("town " + town.code() + " (" + town.name() + ") has no events up to " + year
          + ": its figures for " + year + " are the imported report, there is nothing computed to compare");
    }
    Report computed = ReportBuilder.town(town, year, queries.townTallies(town.code(), year));
    ImportedReports.Comparison comparison = ImportedReports.compare(imported.getReport(), computed);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("town", town);
    body.put("year", year);
    body.put("published", Map.of("name", String.valueOf(imported.getReport().getName()),
        "source_digest", imported.getReport().getSourceDigest()));
    body.put("computed_status", computed.status());
    body.put("cells_compared", comparison.compared());
    body.put("differences", comparison.differences());
    body.put("unread", comparison.unread());
    ctx.json(body);
  }

  private void regionReport(Context ctx) {
    Place region = region(ctx.pathParam("region"));
    int year = year(ctx.pathParam("year"));
    // Any instance answers: it adds up the partial sums of every partition, its own and the others'.
    String format = ReportFormats.asked(ctx);
    answers.region(region, year, format).orElseThrow(() -> ApiError.notFound(
        region.level() + " " + region.code() + " (" + region.name() + ") has no town with events up to " + year)).send(ctx);
  }

  private void regionPartials(Context ctx) {
    Place region = region(ctx.pathParam("region"));
    String rawYear = ctx.queryParam("year");
    if (rawYear == null) {
      throw ApiError.badRequest("give the report year as ?year=YYYY");
    }
    ctx.json(RemoteRegionPartials.body(queries.localPartials(region.code(), year(rawYear))));
  }

  private void regionTowns(Context ctx) {
    Place region = region(ctx.pathParam("region"));
    String rawYear = ctx.queryParam("year");
    if (rawYear == null) {
      throw ApiError.badRequest("give the report year as ?year=YYYY");
    }
    int year = year(rawYear);
    if (InstanceRouter.wasForwarded(ctx)) {
      // another instance gathers every instance's rows, then sorts, filters and pages them
      ctx.json(Map.of("towns", localRows(region, year)));
      return;
    }
    TownList.Query query = TownList.query(ctx, ReportFormats.asked(ctx));
    if (router.others().isEmpty()) {
      // alone: this instance's rows are the whole list, and its answer is kept with them
      List<DivisionRegistry.Town> local = localTowns(region);
      if (local.size() != registry.townsIn(region.code()).count()) {
        throw ApiError.unavailable("the instances are rebalancing; try again in a moment", 2);
      }
      keptRows.answer(region.code(), year, codes(local), () -> rows(local, year), query,
          rows -> TownList.answer(ctx.jsonMapper(), region, year, rows, query)).send(ctx);
      return;
    }
    List<TownRow> rows = new ArrayList<>(localRows(region, year));
    int expected = (int) registry.townsIn(region.code()).count();
    for (HostInfo other : router.others()) {
      rows.addAll(remoteRows(other, region, year));
    }
    if (rows.size() != expected || rows.stream().map(TownRow::code).distinct().count() != expected) {
      throw ApiError.unavailable("the instances are rebalancing; try again in a moment", 2);
    }
    TownList.send(ctx, region, year, rows, query);
  }

  /** The rows of the region's towns whose tallies are active on this instance. */
  private List<TownRow> localRows(Place region, int year) {
    List<DivisionRegistry.Town> local = localTowns(region);
    return keptRows.rows(region.code(), year, codes(local), () -> rows(local, year));
  }

  private List<DivisionRegistry.Town> localTowns(Place region) {
    return registry.townsIn(region.code())
        .filter(t -> router.remoteOwner(StoreNames.TALLIES, t.town().code()).isEmpty())
        .toList();
  }

  private static List<String> codes(List<DivisionRegistry.Town> towns) {
    return towns.stream().map(t -> t.town().code()).toList();
  }

  private List<TownRow> rows(List<DivisionRegistry.Town> towns, int year) {
    return towns.stream()
        .map(t -> TownRow.of(t.town().code(), t.town().name(), t.county().name(),
            queries.town(Place.town(t.town().code()), year).orElse(null)))
        .toList();
  }

  private List<TownRow> remoteRows(HostInfo other, Place region, int year) {
    var answer = router.ask(other, REGION_TOWNS.replace("{region}", region.code()) + "?year=" + year, "application/json");
    if (answer.statusCode() != 200) {
      throw ApiError.unavailable("instance " + other.host() + ":" + other.port() + " answered "
          + answer.statusCode() + "; try again in a moment", 2);
    }
    try {
      return JSON.readValue(JSON.readTree(answer.body()).get("towns").traverse(JSON), new TypeReference<List<TownRow>>() {});
    } catch (java.io.IOException e) {
      throw ApiError.unavailable("instance " + other.host() + ":" + other.port() + " sent an unreadable town list", 2);
    }
  }

  /** A town path parameter: 400 when malformed, 404 when not in the registry. */
  public Place town(String raw) {
    if (!TOWN.matcher(raw).matches()) {
      throw ApiError.badRequest("town must be a 9-digit town code such as 360923105, got \"" + shorten(raw) + "\"");
    }
    return places.town(raw).orElseThrow(() ->
        ApiError.notFound("town " + raw + " is not in the division registry (NBS 2023 codes)"));
  }

  /** A region path parameter: 400 when malformed, 404 when not in the registry. */
  public Place region(String raw) {
    if (!REGION.matcher(raw).matches()) {
      throw ApiError.badRequest("region must be a county (6 digits, e.g. 360923), a city (4 digits or 6 "
          + "zero-padded, e.g. 3609 or 360900) or a province (2 digits or 6 zero-padded, e.g. 36 or 360000), got \""
          + shorten(raw) + "\"");
    }
    return places.region(raw).orElseThrow(() ->
        ApiError.notFound("region " + raw + " is not in the division registry (NBS 2023 codes)"));
  }

  public static int year(String raw) {
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

  public static String shorten(String raw) {
    String cleaned = raw.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() <= 40 ? cleaned : cleaned.substring(0, 40) + "…";
  }
}
