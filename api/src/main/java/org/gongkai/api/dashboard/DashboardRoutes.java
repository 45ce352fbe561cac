package org.gongkai.api.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.ApiError;
import org.gongkai.api.InstanceRouter;
import org.gongkai.api.Places;
import org.gongkai.api.ReportRoutes;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;

/**
 * The JSON behind the provincial monitor's dashboard (docs/reports.md, "Derived indicators" and
 * "Flags"): a region's children with their headlines, trends, flags, filing, freshness and a
 * stream of changes. Routes validate and delegate: figures come from {@link DashboardFigures},
 * flags from {@link FlagRules}.
 */
public final class DashboardRoutes implements AutoCloseable {
  public static final String CHILDREN = "/api/v1/regions/{region}/children";
  public static final String REGION_TREND = "/api/v1/regions/{region}/trend";
  public static final String TOWN_TREND = "/api/v1/towns/{town}/trend";
  public static final String FLAGS = "/api/v1/regions/{region}/flags";
  public static final String FILING = "/api/v1/regions/{region}/filing";
  public static final String FRESHNESS = "/api/v1/freshness";
  public static final String CHANGES = "/api/v1/changes";
  private static final String EVENT_STREAM = "text/event-stream";

  private final ReportRoutes params;
  private final DashboardFigures figures;
  private final InstanceRouter router;
  private final DivisionRegistry registry;
  private final Places places;
  private final FlagRules rules = new FlagRules(FlagThresholds.DEFAULT);
  private final Freshness freshness;
  private final ChangeStream changes;

  public DashboardRoutes(ReportRoutes params, DashboardFigures figures, InstanceRouter router, DivisionRegistry registry,
      Freshness freshness) {
    this.params = params;
    this.figures = figures;
    this.router = router;
    this.registry = registry;
    this.places = new Places(registry);
    this.freshness = freshness;
    this.changes = new ChangeStream(freshness);
  }

  public void register(RoutesConfig routes) {
    routes.get(CHILDREN, this::children);
    routes.get(REGION_TREND, this::regionTrend);
    routes.get(TOWN_TREND, this::townTrend);
    routes.get(FLAGS, this::flags);
    routes.get(FILING, this::filing);
    routes.get(FRESHNESS, ctx -> ctx.json(freshness.now()));
    SseHandler stream = new SseHandler(changes::accept);
    routes.get(CHANGES, ctx -> {
      // Javalin's handler answers nothing at all to a client that does not ask for events
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains(EVENT_STREAM)) {
        throw ApiError.notAcceptable("this route is a stream of server-sent events: ask with Accept: " + EVENT_STREAM
            + " (as EventSource does)");
      }
      stream.handle(ctx);
    });
    routes.get(DashboardFigures.TOWN_FIGURES, this::townFigures);
  }

  private void children(Context ctx) {
    Place region = params.region(ctx.pathParam("region"));
    int year = year(ctx);
    RegionFigures own = figures.region(region, year);
    List<Map<String, Object>> children = new ArrayList<>();
    if (region.level().equals(Place.COUNTY)) {
      for (TownFigures town : figures.towns(region, year)) {
        Map<String, Object> child = child(new Node(town.code(), town.name(), Place.TOWN), town.hasFigures() ? 1 : 0,
            Report.FINAL.equals(town.status()) ? 1 : 0, town.status(), town.headline(), town.previous());
        child.put("source", town.source());
        children.add(child);
      }
    } else {
      Function<DivisionRegistry.Town, DivisionRegistry.Division> level =
          region.level().equals(Place.PROVINCE) ? DivisionRegistry.Town::city : DivisionRegistry.Town::county;
      for (String code : registry.townsIn(region.code()).map(level).map(DivisionRegistry.Division::code).distinct().toList()) {
        Place child = places.region(code).orElseThrow();
        RegionFigures sums = figures.region(child, year);
        children.add(child(Node.of(child), sums.towns(), sums.finalTowns(), null, sums.headline(), sums.previous()));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("region", Node.of(region));
    body.put("parent", parent(region));
    body.put("year", year);
    body.put("towns", own.towns());
    body.put("final_towns", own.finalTowns());
    body.put("headline", own.headline());
    body.put("previous", own.previous());
    body.put("children", children);
    ctx.json(body);
  }

  private static Map<String, Object> child(Node node, long towns, long finalTowns, String status, Headline headline,
      Headline previous) {
    Map<String, Object> child = new LinkedHashMap<>();
    child.put("code", node.code());
    child.put("name", node.name());
    child.put("level", node.level());
    child.put("towns", towns);
    child.put("final_towns", finalTowns);
    if (status != null) {
      child.put("status", status);
    }
    child.put("headline", headline);
    child.put("previous", previous);
    return child;
  }

  private static Node parent(Place region) {
    return switch (region.level()) {
      case Place.COUNTY -> region.city() == null ? null : new Node(region.city().code(), region.city().name(), Place.CITY);
      case Place.CITY -> region.province() == null ? null
          : new Node(region.province().code(), region.province().name(), Place.PROVINCE);
      default -> null;
    };
  }

  private void regionTrend(Context ctx) {
    Place region = params.region(ctx.pathParam("region"));
    ctx.json(trend(Node.of(region), figures.regionTrend(region)));
  }

  private void townTrend(Context ctx) {
    Place town = params.town(ctx.pathParam("town"));
    Optional<HostInfo> owner = router.remoteOwner(StoreNames.TALLIES, town.code());
    if (owner.isPresent()) {
      router.forward(ctx, owner.get());
      return;
    }
    ctx.json(trend(Node.of(town), figures.townTrend(town)));
  }

  private static Map<String, Object> trend(Node node, List<DashboardFigures.TrendYear> years) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", node.code());
    body.put("name", node.name());
    body.put("level", node.level());
    body.put("years", years);
    return body;
  }

  private void flags(Context ctx) {
    Place region = params.region(ctx.pathParam("region"));
    int year = year(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("region", Node.of(region));
    body.put("year", year);
    body.put("thresholds", rules.thresholds());
    body.put("flags", rules.flags(figures.towns(region, year)));
    ctx.json(body);
  }

  private void filing(Context ctx) {
    Place region = params.region(ctx.pathParam("region"));
    int year = year(ctx);
    List<TownFigures> towns = figures.towns(region, year);
    List<Map<String, String>> open = new ArrayList<>();
    List<Map<String, String>> none = new ArrayList<>();
    long withFigures = 0;
    long closed = 0;
    for (TownFigures town : towns) {
      switch (town.status()) {
        case Report.FINAL -> closed++;
        case Report.OPEN -> open.add(listed(town));
        default -> none.add(listed(town));
      }
      withFigures += town.hasFigures() ? 1 : 0;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("region", Node.of(region));
    body.put("year", year);
    body.put("towns", towns.size());
    body.put("with_figures", withFigures);
    body.put("final", closed);
    body.put("open", open);
    body.put("no_figures", none);
    ctx.json(body);
  }

  private static Map<String, String> listed(TownFigures town) {
    Map<String, String> listed = new LinkedHashMap<>();
    listed.put("code", town.code());
    listed.put("name", town.name());
    listed.put("county", town.county());
    return listed;
  }

  private void townFigures(Context ctx) {
    Place region = params.region(ctx.pathParam("region"));
    ctx.json(figures.localTowns(region, year(ctx)));
  }

  /** The required {@code ?year=}: 400 without it, as ReportRoutes checks it otherwise. */
  private static int year(Context ctx) {
    String raw = ctx.queryParam("year");
    if (raw == null) {
      throw ApiError.badRequest("give the report year as ?year=YYYY");
    }
    return ReportRoutes.year(raw);
  }

  @Override
  public void close() {
    changes.close();
  }
}
