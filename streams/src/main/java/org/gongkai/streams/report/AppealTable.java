package org.gongkai.streams.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.Tallies;

/**
 * Table 四 for report year t. A case belongs to t if it was filed on or before 31 Dec t and not
 * decided before 1 Jan t; it is classified by its state on 31 Dec t.
 */
public final class AppealTable {
  private final NavigableMap<Integer, YearTally> years;
  private final int year;

  public AppealTable(NavigableMap<Integer, YearTally> years, int year) {
    this.years = years.headMap(year, true);
    this.year = year;
  }

  /** Cases decided in t, by their result. */
  long decided(AppealKind kind, AppealResult result) {
    YearTally tally = years.get(year);
    return tally == null ? 0 : tally.getAppealsDecided().get(Tallies.decidedIndex(kind, result));
  }

  /** Cases filed on or before 31 Dec t and not decided by then. */
  long pending(AppealKind kind) {
    long open = 0;
    for (YearTally tally : years.values()) {
      open += tally.getAppealsFiled().get(kind.ordinal());
      for (AppealResult result : AppealResult.values()) {
        open -= tally.getAppealsDecided().get(Tallies.decidedIndex(kind, result));
      }
    }
    return open;
  }

  /** Each block: upheld, corrected, other, pending and their total. */
  public Map<String, Map<String, Long>> blocks() {
    Map<String, Map<String, Long>> blocks = new LinkedHashMap<>();
    for (AppealKind kind : AppealKind.values()) {
      Map<String, Long> block = new LinkedHashMap<>();
      long total = 0;
      for (AppealResult result : AppealResult.values()) {
        long n = decided(kind, result);
        block.put(result.name(), n);
        total += n;
      }
      long pending = pending(kind);
      block.put("pending", pending);
      block.put("total", total + pending);
      blocks.put(kind.name(), block);
    }
    return blocks;
  }
}
