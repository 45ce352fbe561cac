package org.gongkai.api.cli;

import java.io.PrintWriter;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.publish.ReceiptView;
import org.gongkai.api.publish.ReceiptWait;
import org.gongkai.streams.registry.DivisionRegistry;

/**
 * A publish's receipt as the clerk reads it: per town and year, how many events were accepted,
 * late, duplicates or rejected, then each rejected event with its line, reason code and message.
 */
final class ReceiptPrinter {
  private final DivisionRegistry registry;

  ReceiptPrinter(DivisionRegistry registry) {
    this.registry = registry;
  }

  void print(EventPublisher.Sent sent, ReceiptWait.Outcome outcome, PrintWriter out) {
    long accepted = 0, late = 0, duplicates = 0, rejected = 0;
    for (EventPublisher.TownSent town : sent.towns().values()) {
      ReceiptView receipt = outcome.receipts().get(town.town());
      long applied = receipt == null ? 0 : receipt.events();
      out.println(town.town() + " " + name(town.town()) + ": " + applied + " of " + town.events() + " events applied");
      if (receipt == null) {
        continue;
      }
      for (ReceiptView.Year year : receipt.years()) {
        out.println("  " + (year.year() == 0 ? "undated" : year.year()) + ": " + year.accepted() + " accepted, "
            + year.late() + " late, " + year.duplicates() + " duplicates, " + year.rejected() + " rejected");
        accepted += year.accepted();
        late += year.late();
        duplicates += year.duplicates();
        rejected += year.rejected();
      }
      for (ReceiptView.Rejected r : receipt.rejections()) {
        out.println("  rejected " + (r.line() == null ? "event " + r.eventId() : "line " + r.line()) + ": "
            + r.reason() + ": " + r.message());
      }
      if (receipt.rejectionsOmitted() > 0) {
        out.println("  … and " + receipt.rejectionsOmitted() + " more rejected (GET /api/v1/towns/" + town.town()
            + "/rejections lists them all)");
      }
    }
    out.println((outcome.complete() ? "all " + sent.events() + " events applied: " : "so far: ")
        + accepted + " accepted, " + late + " late, " + duplicates + " duplicates, " + rejected + " rejected"
        + (late > 0 ? " (late: dated in a year the town had already closed, counted in the first open year)" : ""));
    out.flush();
  }

  private String name(String town) {
    return registry.town(town).map(t -> t.town().name()).orElse("");
  }
}
