package org.gongkai.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.gongkai.events.AppealDecided;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.DecisionMade;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.DocumentChange;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.ItemChange;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.TownEvent;
import org.gongkai.events.YearClosedEvent;

/**
 * An event as one row of the PostgreSQL anchor's {@code events} table, as a CSV line for COPY:
 * event id, town, kind (the event type's name, e.g. {@code request.received}), the business
 * object's id, date, detail (applicant, outcome or kind) and amount in fen.
 */
final class EventRows {
  private EventRows() {}

  static void appendCsv(StringBuilder out, TownEvent envelope) {
    Object payload = envelope.getPayload();
    if (payload instanceof RequestEvent e) {
      if (e.getChange() instanceof RequestReceived r) {
        line(out, e.getEventId(), e.getTown(), "request.received", e.getRequestId(), e.getDate(), r.getApplicant().name(), null);
      } else {
        RequestConcluded c = (RequestConcluded) e.getChange();
        line(out, e.getEventId(), e.getTown(), "request.concluded", e.getRequestId(), e.getDate(), c.getOutcome().name(), null);
      }
    } else if (payload instanceof ProcurementEvent e) {
      line(out, e.getEventId(), e.getTown(), "procurement.awarded", e.getProjectId(), e.getDate(), null, fen(e.getAmountYuan()));
    } else if (payload instanceof AppealEvent e) {
      if (e.getChange() instanceof AppealFiled f) {
        line(out, e.getEventId(), e.getTown(), "appeal.filed", e.getCaseId(), e.getDate(), f.getKind().name(), null);
      } else {
        AppealDecided d = (AppealDecided) e.getChange();
        line(out, e.getEventId(), e.getTown(), "appeal.decided", e.getCaseId(), e.getDate(), d.getResult().name(), null);
      }
    } else if (payload instanceof DisclosureEvent e) {
      Object fact = e.getFact();
      if (fact instanceof DocumentChange d) {
        line(out, e.getEventId(), e.getTown(), "document." + d.getAction().name(), d.getDocumentId(), e.getDate(), d.getKind().name(), null);
      } else if (fact instanceof ItemChange i) {
        line(out, e.getEventId(), e.getTown(), "item." + i.getAction().name(), i.getItemId(), e.getDate(), i.getKind().name(), null);
      } else if (fact instanceof DecisionMade d) {
        line(out, e.getEventId(), e.getTown(), "decision.made", d.getDecisionId(), e.getDate(), d.getKind().name(), null);
      } else {
        FeeCollected f = (FeeCollected) fact;
        line(out, e.getEventId(), e.getTown(), "fee.collected", f.getFeeId(), e.getDate(), null, fen(f.getAmountYuan()));
      }
    } else if (payload instanceof YearClosedEvent e) {
      line(out, e.getEventId(), e.getTown(), "year.closed", Integer.toString(e.getYear()), null, null, null);
    } else {
      throw new IllegalArgumentException("no table row for an event of type " + payload.getClass().getSimpleName());
    }
  }

  static long fen(CharSequence yuan) {
    return new BigDecimal(yuan.toString()).movePointRight(2).longValueExact();
  }

  private static void line(StringBuilder out, CharSequence eventId, CharSequence town, String kind, CharSequence object,
      LocalDate day, String detail, Long fen) {
    field(out, eventId).append(',');
    field(out, town).append(',').append(kind).append(',');
    field(out, object).append(',');
    if (day != null) {
      out.append(day);
    }
    out.append(',');
    if (detail != null) {
      out.append(detail);
    }
    out.append(',');
    if (fen != null) {
      out.append(fen.longValue());
    }
    out.append('\n');
  }

  /** A CSV field, quoted when it holds a comma, quote or line break (an empty unquoted field is NULL). */
  private static StringBuilder field(StringBuilder out, CharSequence value) {
    String s = value.toString();
    if (s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      return out.append('"').append(s.replace("\"", "\"\"")).append('"');
    }
    return out.append(s);
  }
}
