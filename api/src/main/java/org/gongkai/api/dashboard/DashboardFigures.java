package org.gongkai.api.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.ApiError;
import org.gongkai.api.InstanceRouter;
import org.gongkai.api.ReportQueries;
import org.gongkai.state.ImportedState;
import org.gongkai.state.YearTally;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/**
 * The figures behind the dashboard, read from the stores: a region's from its partials summed
 * over every partition with its towns' imported reports of the year added
 * ({@link ReportQueries#regionFigures}, {@link ImportedReports#region}: the figures of the region's
 * report route), one read per region and year; a town's from its own tallies, or its imported
 * report for a year it has one that counts ({@link ImportedReports#town}), on the instance that
 * holds them. Lists of towns are read here for the towns
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

  /** The region's figures of the year and the year before: a read of its summed partials for each. */
  RegionFigures region(Place region, int year) {
    return RegionFigures.of(regionReport(region, year), regionReport(region, year - 1));
  }

  /** The region's report of the year as the region report route builds it; empty without figures. */
  private Optional<Report> regionReport(Place region, int year) {
    ReportQueries.RegionFigures figures = queries.regionFigures(region.code(), year);
    return ImportedReports.region(region, year, figures.years(), figures.imported());
  }

  /** A town this instance holds. */
  TownFigures town(DivisionRegistry.Town town, int year) {
    String code = town.town().code();
    Place place = Place.town(code);
    NavigableMap<Integer, YearTally> tallies = queries.townTallies(code, year);
    ImportedState imported = queries.imported(code, year);
    ImportedState before = queries.imported(code, year - 1);
    // R5 across an imported year changes no headline figure: the year before last is not read
    return TownFigures.of(town, ImportedReports.town(place, year, tallies, imported, before),
        ImportedReports.town(place, year - 1, tallies.headMap(year - 1, true), before, null));
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

  /**
   * One year of a trend; {@code source} {@code imported} when its figures are (a town's) or
   * include (a region's, {@code imported_towns} of its towns) published reports imported.
   */
  public record TrendYear(int year, String status, String source,
      @JsonProperty("imported_towns") @JsonInclude(JsonInclude.Include.NON_NULL) Long importedTowns,
      Headline headline) {

    static TrendYear of(Report report) {
      return new TrendYear(report.year(), report.status(), report.source() == null ? Report.EVENTS : report.source(),
          report.importedTowns(), Headline.of(report));
    }
  }

  /** The region's years with figures, ascending: one read of its summed partials per year. */
  List<TrendYear> regionTrend(Place region) {
    Map<Integer, Report> reports = new TreeMap<>();
    int last = 0;
    for (int year = Template.FIRST_YEAR; year <= thisYear(); year++) {
      ReportQueries.RegionFigures figures = queries.regionFigures(region.code(), year);
      if (figures.imported().getTowns() > 0) {
        last = year;
      } else if (!figures.years().isEmpty() && figures.years().lastKey() == year) {
        last = year;
      }
      int y = year;
      ImportedReports.region(region, year, figures.years(), figures.imported()).ifPresent(r -> reports.put(y, r));
    }
    return trend(reports, last);
  }

  /** The town's years with figures, ascending (a town this instance holds). */
  List<TrendYear> townTrend(Place town) {
    int thisYear = thisYear();
    NavigableMap<Integer, YearTally> tallies = queries.townTallies(town.code(), thisYear);
    Map<Integer, ImportedState> imported = new TreeMap<>();
    int last = tallies.isEmpty() ? 0 : tallies.lastKey();
    for (int year = Template.FIRST_YEAR - 1; year <= thisYear; year++) {
      ImportedState one = queries.imported(town.code(), year);
      if (one != null) {
        imported.put(year, one);
        last = one.getCounted() ? Math.max(last, year) : last;
      }
    }
    Map<Integer, Report> reports = new TreeMap<>();
    for (int year = Template.FIRST_YEAR; year <= thisYear; year++) {
      int y = year;
      ImportedReports.town(town, year, tallies.headMap(year, true), imported.get(year), imported.get(year - 1))
          .ifPresent(r -> reports.put(y, r));
    }
    return trend(reports, last);
  }

  /**
   * The years with figures from the first (2019 at the earliest) to the last with events or a
   * counted imported report: the years between keep their carry-over, so they are reports with
   * figures too.
   */
  private static List<TrendYear> trend(Map<Integer, Report> reports, int last) {
    return reports.entrySet().stream().filter(e -> e.getKey() <= last).map(e -> TrendYear.of(e.getValue())).toList();
  }

  static int thisYear() {
    return LocalDate.now(EventChecks.CHINA).getYear();
  }
}
