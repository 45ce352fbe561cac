package org.gongkai.api.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gongkai.schemas.lines.LineError;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.ledger.Verdict;

/**
 * What can be checked before anything is sent, by {@code publish} and the HTTP publish route:
 * the same stateless rules the streams apply ({@link EventChecks#admit}: a town of the division
 * registry, ids, dates from 2008-05-01 to today in China, {@code year.closed} of an ended year from
 * 2019), so that a clerk learns of such mistakes at once, line by line, instead of in the
 * dead-letter topic.
 */
public final class DoorChecks {
  private final EventChecks checks;

  public DoorChecks(EventChecks checks) {
    this.checks = checks;
  }

  /** Every event that would be rejected, as a line error, in line order. */
  public List<LineError> problems(List<ParsedEvent> events) {
    List<LineError> problems = new ArrayList<>();
    for (ParsedEvent event : events) {
      Optional<Verdict.Rejected> refused = checks.admit(event.town(), event.payload());
      refused.ifPresent(r -> problems.add(new LineError(event.lineNumber(), r.message())));
    }
    return problems;
  }

  /** The same checks for an imported report. */
  public ImportDoor imports() {
    return new ImportDoor(checks);
  }
}
