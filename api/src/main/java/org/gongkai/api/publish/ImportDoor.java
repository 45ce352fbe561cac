package org.gongkai.api.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gongkai.events.ReportImported;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.Verdict;
import org.gongkai.streams.report.Labels;
import org.gongkai.streams.report.imported.ImportedReport;
import org.gongkai.streams.report.imported.Problem;
import org.gongkai.streams.report.imported.ReportImporter;

/**
 * What is checked before a report is imported ({@code gongkai import}, the imported-reports
 * route): a town of the registry, a year from 2019 that has ended, and a text that reads as that
 * year's report (a title line naming the year, at least one of its tables). What it reads
 * becomes the {@link ReportImported} event, with the rules its figures break; breaking rules does
 * not stop an import (published reports often do), it is what the import shows.
 */
public final class ImportDoor {
  private final EventChecks checks;

  public ImportDoor(EventChecks checks) {
    this.checks = checks;
  }

  /** The event to publish, or every reason it cannot be. */
  public record Checked(ReportImported event, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public Checked check(String town, int year, String text) {
    List<String> problems = new ArrayList<>();
    if (!checks.isKnownTown(town)) {
      problems.add("town \"" + town + "\" is not a 9-digit code of the division registry");
    }
    checks.importable(year).ifPresent(r -> problems.add(r.message()));
    ImportedReport read;
    try {
      read = new ReportImporter().read(text);
    } catch (IllegalArgumentException e) {
      problems.add("the text is not an annual report: " + e.getMessage());
      return new Checked(null, problems);
    }
    if (read.year() != year) {
      problems.add("the text is the report of " + read.year() + ", not of " + year + " (its title line)");
    }
    long tablesMissing = read.problems().stream().filter(ImportDoor::tableNotFound).count();
    if (tablesMissing == Labels.TABLES.size()) {
      problems.add("none of the report's tables was found (" + String.join(", ", read.problems().stream()
          .filter(ImportDoor::tableNotFound).map(Problem::toString).toList()) + ")");
    }
    if (!problems.isEmpty()) {
      return new Checked(null, problems);
    }
    ReportImported event = ImportedReports.payload(town, read, ImportedReports.violations(read), text);
    Optional<Verdict.Rejected> refused = checks.admit(town, event);
    refused.ifPresent(r -> problems.add(r.message()));
    return new Checked(problems.isEmpty() ? event : null, problems);
  }

  private static boolean tableNotFound(Problem problem) {
    return Labels.TABLES.contains(problem.where()) && problem.message().contains("not found");
  }
}
