package org.gongkai.api.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gongkai.events.ReportImported;
import org.gongkai.streams.history.ImportedReports;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.Verdict;
import org.gongkai.streams.report.imported.ImportedReport;
import org.gongkai.streams.report.imported.ReportCheck;
import org.gongkai.streams.report.imported.ReportChecker;
import org.gongkai.streams.report.imported.ReportImporter;

/**
 * What is checked before a report is imported ({@code gongkai import}, the imported-reports
 * route): a town of the registry, a year from 2019 that has ended, and a text that reads as that
 * year's report ({@link ReportImporter}: a title line naming the year, its tables). What it reads
 * becomes the {@link ReportImported} event, with the rules R1–R8 it breaks ({@link ReportChecker});
 * breaking rules does not stop an import (published reports often do), it is what the import shows.
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
    if (!problems.isEmpty()) {
      return new Checked(null, problems);
    }
    ReportCheck check = ReportChecker.check(read, null);
    ReportImported event = ImportedReports.payload(town, read, check, text);
    Optional<Verdict.Rejected> refused = checks.admit(town, event);
    refused.ifPresent(r -> problems.add(r.message()));
    return new Checked(problems.isEmpty() ? event : null, problems);
  }
}
