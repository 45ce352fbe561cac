package org.gongkai.api.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.ApiError;
import org.gongkai.api.InstanceRouter;
import org.gongkai.api.ReportQueries;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.report.Template;

/**
 * The figures behind the dashboard, read from the stores: a region's from its partials summed
 * over every partition ({@link ReportQueries#regionTallies}), one read per region; a town's from
 * its own tallies, on the instance that holds them. Lists of towns are read here for the towns
 * this instance holds and asked of the other instances for theirs, as the towns list does.
 */
public final class DashboardFigures {
  /** For the other instances: the figures of a region's towns this instance holds. */
  public static final String TOWN_FIGURES = "/internal/v1/regions/{region}/town-figures";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReportQueries queries;
  private final InstanceRouter router;
  private final DivisionRegistry registry;

  public DashboardFigures(ReportQueries queries, InstanceRouter router, DivisionRegistry registry) {
    this.queries = queries;
    this.router = router;
    this.registry = registry;
  }

  /** The region's figures of the year and the year before: one read of its summed partials. */
  RegionFigures region(Place region, int year) {
    return RegionFigures.of(region, year, queries.regionFigures(region.code(), year).years());
  }

  /** A town this instance holds. */
  TownFigures town(DivisionRegistry.Town town, int year) {
    return TownFigures.of(town, year, queries.townTallies(town.town().code(), year));
  }

  /** Every town of the region in code order; 503 while an instance does not answer or the towns are moving. */
  List<TownFigures> towns(Place region, int year) {
    List<TownFigures> towns = new ArrayList<>(localTowns(region, year));
    for (HostInfo other : router.others()) {
      towns.addAll(remoteTowns(other, region, year));
    }
    long expected = registry.townsIn(region.code()).count();
    if (towns.size() != expected || towns.stream().map(TownFigures::code).distinct().count() != expected) {
      throw ApiError.unavailable("the instances are rebalancing; try again in a moment", 2);
    }
    towns.sort(Comparator.comparing(TownFigures::code));
    return towns;
  }

  /** The region's towns whose tallies are active on this instance. */
  public List<TownFigures> localTowns(Place region, int year) {
    return registry.townsIn(region.code())
        .filter(t -> router.remoteOwner(StoreNames.TALLIES, t.town().code()).isEmpty())
        .map(t -> town(t, year))
        .toList();
  }

  private List<TownFigures> remoteTowns(HostInfo other, Place region, int year) {
    var answer = router.ask(other, TOWN_FIGURES.replace("{region}", region.code()) + "?year=" + year, "application/json");
    if (answer.statusCode() != 200) {
      throw ApiError.unavailable("instance " + other.host() + ":" + other.port() + " answered "
          + answer.statusCode() + "; try again in a moment", 2);
    }
    try {
      return JSON.readValue(answer.body(), new TypeReference<List<TownFigures>>() {});
    } catch (IOException e) {
      throw ApiError.unavailable("instance " + other.host() + ":" + other.port() + " sent unreadable town figures", 2);
    }
  }

  /** One year of a trend. */
  public record TrendYear(int year, String status, String source, Headline headline) {}

  /** The region's years with figures, ascending, from one read of its summed partials. */
  List<TrendYear> regionTrend(Place region) {
    int thisYear = thisYear();
    NavigableMap<Integer, YearTally> tallies = queries.regionFigures(region.code(), thisYear).years();
    return trend(tallies, thisYear, year -> ReportBuilder.region(region, year, tallies));
  }

  /** The town's years with figures, ascending (a town this instance holds). */
  List<TrendYear> townTrend(Place town) {
    int thisYear = thisYear();
    NavigableMap<Integer, YearTally> tallies = queries.townTallies(town.code(), thisYear);
    return trend(tallies, thisYear, year -> ReportBuilder.town(town, year, tallies));
  }

  /**
   * The years from the first with events (2019 at the earliest) to the last with events: the
   * years between keep their carry-over, so they are reports with figures too.
   */
  private static List<TrendYear> trend(NavigableMap<Integer, YearTally> tallies, int thisYear,
      java.util.function.IntFunction<Report> report) {
    List<TrendYear> years = new ArrayList<>();
    if (tallies.isEmpty() || tallies.lastKey() < Template.FIRST_YEAR) {
      return years;
    }
    int last = Math.min(tallies.lastKey(), thisYear);
    for (int year = Math.max(tallies.firstKey(), Template.FIRST_YEAR); year <= last; year++) {
      Report built = report.apply(year);
      years.add(new TrendYear(year, built.status(), "events", Headline.of(built)));
    }
    return years;
  }

  static int thisYear() {
    return LocalDate.now(EventChecks.CHINA).getYear();
  }
}
