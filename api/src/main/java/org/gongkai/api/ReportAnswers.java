package org.gongkai.api;

import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Function;
import org.gongkai.state.ImportedState;
import org.gongkai.state.YearTally;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;

/**
 * Reports as finished answers (bytes in the asked format), built from the tally stores and kept
 * in a {@link ReportCache} while they are still right: a kept answer is sent again without
 * building the report or writing it out.
 *
 * <p>How a kept answer is known to be still right: a report is a function of the place, the
 * year, the format and the place's tallies up to that year, nothing else ({@link ReportBuilder}).
 * So before an answer is sent again, the tallies are read from the store, as for a new report,
 * and compared with those it was built from ({@code YearTally.equals} compares every field,
 * see ReportAnswersTest); equal tallies make the same report. A kept answer is therefore never
 * staler than the store: the cache adds nothing to the time from an event to its effect in the
 * report (target p99 ≤ 1 s). Every event counted for a town changes its tallies (at least the
 * accepted, duplicate or rejected count), so no change can slip through. A time to live was not
 * chosen: to stay well inside the freshness target it would have to be a few hundred
 * milliseconds, and with thousands of towns one town's report is rarely asked twice that
 * quickly, so it would almost never be served; the check costs one range read of a few tallies
 * instead of building and writing the report.
 *
 * <p>A town's final report is not even checked: closing a year certifies it and every year
 * before it, and events that arrive later count in the first open year (domain.md; README,
 * "Closing a year and late events"), so the tallies it was built from never change again. A
 * region's report is always checked, final or not: a town that had no figures yet may still get
 * some for that year.
 */
public final class ReportAnswers {
  /**
   * Answers kept at most, the least recently asked forgotten first. An answer in JSON is a few KB
   * and its tallies about as much, so this is some tens of MB at most.
   */
  static final int MAX_ENTRIES = 10_000;

  private final ReportQueries queries;
  private final ReportCache cache;

  public ReportAnswers(ReportQueries queries) {
    this(queries, new ReportCache(MAX_ENTRIES));
  }

  ReportAnswers(ReportQueries queries, ReportCache cache) {
    this.queries = queries;
    this.cache = cache;
  }

  /** Answers sent from the cache since the start. */
  public long cacheHits() {
    return cache.hits();
  }

  /** Answers built since the start (a place without events is neither). */
  public long cacheMisses() {
    return cache.misses();
  }

  /**
   * The town's report in the format, or empty when the town has no events up to that year and no
   * imported report for it. A report that involves an imported year (the year itself, or the
   * year before for R5 across the boundary) is built every time: imported towns are few, and
   * an import changes no tally, which is all a kept answer is checked against.
   */
  public Optional<ReportAnswer> town(Place town, int year, String format) {
    ImportedState imported = queries.imported(town.code(), year);
    ImportedState previous = queries.imported(town.code(), year - 1);
    if (imported != null && imported.getCounted() || previous != null && previous.getCounted()) {
      return ImportedReports.town(town, year, queries.townTallies(town.code(), year), imported, previous)
          .map(report -> ReportFormats.render(report, format));
    }
    ReportCache.Key key = new ReportCache.Key(town.code(), year, format);
    ReportCache.Entry kept = cache.get(key);
    if (kept != null && kept.isFinal()) {
      cache.hit();
      return Optional.of(kept.answer());
    }
    return answer(key, kept, queries.townTallies(town.code(), year), true,
        tallies -> ReportBuilder.town(town, year, tallies));
  }

  /** The region's summed report in the format, or empty when none of its towns has events up to that year. */
  public Optional<ReportAnswer> region(Place region, int year, String format) {
    ReportQueries.RegionFigures figures = queries.regionFigures(region.code(), year);
    if (figures.imported().getTowns() > 0) {
      // Built every time, as a town's imported year is (see town).
      return ImportedReports.region(region, year, figures.years(), figures.imported())
          .map(report -> ReportFormats.render(report, format));
    }
    ReportCache.Key key = new ReportCache.Key(region.code(), year, format);
    return answer(key, cache.get(key), figures.years(), false,
        tallies -> ReportBuilder.region(region, year, tallies));
  }

  /**
   * @param kept the cache's entry for the key, or null
   * @param tallies the place's tallies, just read from the store
   * @param finalNeverChanges whether a final report of this kind may be kept without checks
   */
  private Optional<ReportAnswer> answer(ReportCache.Key key, ReportCache.Entry kept,
      NavigableMap<Integer, YearTally> tallies, boolean finalNeverChanges,
      Function<NavigableMap<Integer, YearTally>, Report> build) {
    if (tallies.isEmpty()) {
      return Optional.empty();
    }
    if (kept != null && tallies.equals(kept.tallies())) {
      cache.hit();
      return Optional.of(kept.answer());
    }
    cache.miss();
    Report report = build.apply(tallies);
    ReportAnswer answer = ReportFormats.render(report, key.format());
    boolean neverChanges = finalNeverChanges && Report.FINAL.equals(report.status());
    cache.put(key, new ReportCache.Entry(neverChanges ? null : tallies, answer));
    return Optional.of(answer);
  }
}
