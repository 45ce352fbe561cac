package org.gongkai.streams.ledger;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.events.ReportImported;
import org.gongkai.state.ImportedState;
import org.gongkai.state.ImportedSum;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.rollup.RegionCodes;
import org.gongkai.streams.tally.TallyKey;

/**
 * The towns' imported reports and their regions' sums of them. An imported report counts as the
 * town's figures for its year while the town has no event counted in that year or before it (a
 * computed year's figures fold every year before it, so a town's computed years must all come
 * after its imported ones); while it counts, it is in the sums of the town's county, city and
 * province. The first event counted in or before an imported year takes the import out of the
 * sums: the computed year replaces it, and the import is kept for published-vs-computed.
 */
final class ImportedYears {
  private static final int LAST_YEAR = 9999;

  private final KeyValueStore<String, ImportedState> reports;
  private final KeyValueStore<String, ImportedSum> sums;

  ImportedYears(KeyValueStore<String, ImportedState> reports, KeyValueStore<String, ImportedSum> sums) {
    this.reports = reports;
    this.sums = sums;
  }

  ImportedState get(String town, int year) {
    return reports.get(TallyKey.of(town, year));
  }

  /** Keeps the report for its town and year, in place of an earlier one; in the sums when it counts. */
  void put(ReportImported report, boolean counts) {
    String town = report.getTown();
    ImportedState before = get(town, report.getYear());
    if (before != null && before.getCounted()) {
      sum(town, before.getReport(), -1);
    }
    if (counts) {
      sum(town, report, 1);
    }
    reports.put(TallyKey.of(town, report.getYear()), new ImportedState(report, counts));
  }

  /** The town has an event counted in {@code year}, its earliest: imports of that year and later stop counting. */
  void eventsFrom(String town, int year) {
    List<KeyValue<String, ImportedState>> replaced = new ArrayList<>();
    try (KeyValueIterator<String, ImportedState> it = reports.range(TallyKey.of(town, year), TallyKey.of(town, LAST_YEAR))) {
      it.forEachRemaining(entry -> {
        if (entry.value.getCounted()) {
          replaced.add(entry);
        }
      });
    }
    for (KeyValue<String, ImportedState> entry : replaced) {
      sum(town, entry.value.getReport(), -1);
      reports.put(entry.key, new ImportedState(entry.value.getReport(), false));
    }
  }

  private void sum(String town, ReportImported report, int sign) {
    for (String region : RegionCodes.above(town)) {
      String key = TallyKey.of(region, report.getYear());
      ImportedSum sum = sums.get(key);
      if (sum == null) {
        sum = ImportedReports.emptySum();
      }
      ImportedReports.addInto(sum, report, sign);
      if (sum.getTowns() == 0 && sum.getCells().isEmpty()) {
        sums.delete(key);
      } else {
        sums.put(key, sum);
      }
    }
  }
}
