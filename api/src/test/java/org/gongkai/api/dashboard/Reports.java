package org.gongkai.api.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.Place;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.Template;

/** Reports laid out by hand for unit tests: every cell 0 unless set. */
final class Reports {
  private final Template template;
  private final Map<String, Map<String, Long>> requests = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> appeals = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> proactive = new LinkedHashMap<>();

  private Reports(Template template) {
    this.template = template;
    for (String row : Labels.rowKeys(template, Labels.REQUESTS)) {
      Map<String, Long> cells = new LinkedHashMap<>();
      Labels.columnKeys(template, Labels.REQUESTS).forEach(c -> cells.put(c, 0L));
      requests.put(row, cells);
    }
    for (String block : Labels.rowKeys(template, Labels.APPEALS)) {
      Map<String, Long> cells = new LinkedHashMap<>();
      Labels.columnKeys(template, Labels.APPEALS).forEach(c -> cells.put(c, 0L));
      appeals.put(block, cells);
    }
    if (template == Template.T2019) {
      proactive.put("fees", new LinkedHashMap<>(Map.of("items_last_year", 3L, "items_change", 0L)));
      proactive.put("procurement", new LinkedHashMap<>(Map.of("projects", 0L, "amount", "0.0000")));
    } else {
      proactive.put("fees", new LinkedHashMap<>(Map.of("amount", "0.0000")));
    }
  }

  static Reports of(Template template) {
    return new Reports(template);
  }

  /** Table 三's total column of a row (the applicant columns are not read by the headline). */
  Reports requests(String row, long total) {
    requests.get(row).put("total", total);
    return this;
  }

  Reports appeals(String block, String column, long value) {
    appeals.get(block).put(column, value);
    return this;
  }

  Reports amount(String row, String amount) {
    proactive.get(row).put("amount", amount);
    return this;
  }

  Report build() {
    int year = template == Template.T2019 ? 2020 : 2025;
    return new Report(Place.town("360923105"), null, year, template.key(), Report.OPEN, null, null, proactive,
        new Report.Requests(requests), appeals, new Report.EventCounts(0, 0, 0, 0), Report.EVENTS, null, null, null);
  }
}
