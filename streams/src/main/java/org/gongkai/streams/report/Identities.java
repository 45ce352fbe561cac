package org.gongkai.streams.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identities R1–R5 of domain.md §5, checked on a report (and, for R5, the report of the
 * year before). Each violation names the cells involved.
 */
public final class Identities {
  private static final Set<String> NOT_RESULTS =
      Set.of("received", "carried_over", "concluded_total", "carried_forward");

  private Identities() {}

  public static List<String> violations(Report report, Report previousYear) {
    List<String> found = new ArrayList<>();
    Map<String, Map<String, Long>> rows = report.requests().rows();
    Set<String> columns = rows.get("received").keySet();
    for (String column : columns) {
      long in = rows.get("received").get(column) + rows.get("carried_over").get(column);
      long out = rows.get("concluded_total").get(column) + rows.get("carried_forward").get(column);
      if (in != out) {
        found.add("R1 " + column + ": received + carried_over = " + in + " but concluded_total + carried_forward = " + out);
      }
      long results = rows.entrySet().stream().filter(e -> !NOT_RESULTS.contains(e.getKey()))
          .mapToLong(e -> e.getValue().get(column)).sum();
      if (results != rows.get("concluded_total").get(column)) {
        found.add("R2 " + column + ": result rows sum to " + results + " but concluded_total is "
            + rows.get("concluded_total").get(column));
      }
    }
    rows.forEach((row, cells) -> {
      long sum = cells.entrySet().stream().filter(e -> !e.getKey().equals(RequestTable.TOTAL))
          .mapToLong(Map.Entry::getValue).sum();
      if (sum != cells.get(RequestTable.TOTAL)) {
        found.add("R3 " + row + ": applicant columns sum to " + sum + " but total is " + cells.get(RequestTable.TOTAL));
      }
    });
    report.appeals().forEach((block, cells) -> {
      long sum = cells.get("upheld") + cells.get("corrected") + cells.get("other") + cells.get("pending");
      if (sum != cells.get("total")) {
        found.add("R4 " + block + ": upheld + corrected + other + pending = " + sum + " but total is " + cells.get("total"));
      }
    });
    if (previousYear != null) {
      Map<String, Long> over = rows.get("carried_over");
      Map<String, Long> forward = previousYear.requests().rows().get("carried_forward");
      if (!over.equals(forward)) {
        found.add("R5: carried_over " + over + " differs from the previous year's carried_forward " + forward);
      }
    }
    return found;
  }
}
