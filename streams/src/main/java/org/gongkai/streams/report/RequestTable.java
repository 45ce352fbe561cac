package org.gongkai.streams.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.Tallies;

/**
 * Table 三 (收到和处理政府信息公开申请情况) for report year t, folded from the tallies of t and
 * every year before it. Each counting rule of domain.md §5 is one method.
 */
public final class RequestTable {
  public static final String TOTAL = "total";
  /** The 2021 template's three kinds of other outcome; the 2019 template folds them into other. */
  static final List<Outcome> OTHER_KINDS =
      List.of(Outcome.other_overdue_correction, Outcome.other_unpaid_fee, Outcome.other);

  private final NavigableMap<Integer, YearTally> years;
  private final int year;

  /** @param years tallies by year, for years up to and including {@code year} */
  public RequestTable(NavigableMap<Integer, YearTally> years, int year) {
    this.years = years.headMap(year, true);
    this.year = year;
  }

  /** {@code received}(t): requests received in t, by applicant. */
  long[] received() {
    YearTally tally = years.get(year);
    return tally == null ? new long[Tallies.APPLICANTS] : toArray(tally.getReceived());
  }

  /** A result row (t): requests concluded in t with this outcome, by the request's applicant. */
  long[] concluded(Outcome outcome) {
    long[] row = new long[Tallies.APPLICANTS];
    YearTally tally = years.get(year);
    if (tally != null) {
      for (Applicant a : Applicant.values()) {
        row[a.ordinal()] = tally.getConcluded().get(Tallies.concludedIndex(outcome, a));
      }
    }
    return row;
  }

  /** {@code carried_forward}(y): received on or before 31 Dec y and not concluded by then. */
  static long[] carriedForward(NavigableMap<Integer, YearTally> years, int y) {
    long[] open = new long[Tallies.APPLICANTS];
    for (YearTally tally : years.headMap(y, true).values()) {
      for (int a = 0; a < Tallies.APPLICANTS; a++) {
        open[a] += tally.getReceived().get(a);
        for (int o = 0; o < Tallies.OUTCOMES; o++) {
          open[a] -= tally.getConcluded().get(o * Tallies.APPLICANTS + a);
        }
      }
    }
    return open;
  }

  /** {@code carried_over}(t) = {@code carried_forward}(t−1). */
  long[] carriedOver() {
    return carriedForward(years, year - 1);
  }

  /** The rows of the template, in order; each row has the six applicant columns and total. */
  public Map<String, Map<String, Long>> rows(Template template) {
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    rows.put("received", columns(received()));
    rows.put("carried_over", columns(carriedOver()));
    long[] concludedTotal = new long[Tallies.APPLICANTS];
    for (Outcome outcome : Outcome.values()) {
      if (template == Template.T2019 && OTHER_KINDS.contains(outcome)) {
        continue;
      }
      long[] row = concluded(outcome);
      rows.put(outcome.name(), columns(row));
      addInto(concludedTotal, row);
    }
    if (template == Template.T2019) {
      long[] other = new long[Tallies.APPLICANTS];
      OTHER_KINDS.forEach(kind -> addInto(other, concluded(kind)));
      rows.put(Outcome.other.name(), columns(other));
      addInto(concludedTotal, other);
    }
    rows.put("concluded_total", columns(concludedTotal));
    rows.put("carried_forward", columns(carriedForward(years, year)));
    return rows;
  }

  /** The {@code total} column is the sum of the six applicant columns. */
  static Map<String, Long> columns(long[] byApplicant) {
    Map<String, Long> columns = new LinkedHashMap<>();
    for (Applicant a : Applicant.values()) {
      columns.put(a.name(), byApplicant[a.ordinal()]);
    }
    columns.put(TOTAL, Arrays.stream(byApplicant).sum());
    return columns;
  }

  private static void addInto(long[] into, long[] row) {
    for (int i = 0; i < into.length; i++) {
      into[i] += row[i];
    }
  }

  private static long[] toArray(List<Long> cells) {
    return cells.stream().mapToLong(Long::longValue).toArray();
  }
}
