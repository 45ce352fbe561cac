package org.gongkai.streams.ledger;

import static org.gongkai.schemas.Quotes.quote;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.ReportImported;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Ids;
import org.gongkai.schemas.lines.ParsedEvent;

/**
 * The checks that need no state, made the same way at the door ({@code publish} and the HTTP
 * publish route, before anything is sent) and in the streams (for events that reach Kafka some
 * other way): a known town that is the record's key, ids that obey {@link Ids}, a date inside
 * the period the regulations cover and not in the future (China time), and for
 * {@code year.closed} a report year that has ended.
 */
public final class EventChecks {
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** The 条例 took effect on 2008-05-01; nothing earlier is counted. */
  public static final LocalDate EARLIEST = LocalDate.of(2008, 5, 1);
  /** Reports exist from 2019 (template 2019); no earlier year can be closed. */
  public static final int FIRST_REPORT_YEAR = 2019;

  private final Predicate<String> knownTown;
  private final Clock clock;

  public EventChecks(Predicate<String> knownTown, Clock clock) {
    this.knownTown = knownTown;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(CHINA));
  }

  public boolean isKnownTown(String town) {
    return town != null && town.length() == 9 && knownTown.test(town);
  }

  /**
   * Whether an event may be counted at all, before any state is looked at: the first rule it
   * breaks, or empty.
   *
   * @param key the record's Kafka key (at the door: the town the event is published under)
   * @param payload the event's family record
   */
  public Optional<Verdict.Rejected> admit(String key, SpecificRecord payload) {
    String town = ParsedEvent.townOf(payload);
    if (!isKnownTown(town)) {
      return reject(Reason.UNKNOWN_TOWN, "town " + quote(town) + " is not a 9-digit code of the division registry");
    }
    if (!town.equals(key)) {
      return reject(Reason.KEY_MISMATCH, "record key " + quote(key) + " differs from the event's town " + town
          + ": events must be keyed by their town code");
    }
    Optional<Verdict.Rejected> badId = ids(payload);
    if (badId.isPresent()) {
      return badId;
    }
    if (payload instanceof YearClosedEvent closed) {
      return closable(closed.getYear());
    }
    if (payload instanceof ReportImported imported) {
      return importable(imported.getYear());
    }
    return date(datedOn(payload));
  }

  /** The date that places an event in a report year; for {@code year.closed}, 31 December of the year closed. */
  public static LocalDate datedOn(SpecificRecord payload) {
    if (payload instanceof RequestEvent e) {
      return e.getDate();
    } else if (payload instanceof ProcurementEvent e) {
      return e.getDate();
    } else if (payload instanceof AppealEvent e) {
      return e.getDate();
    } else if (payload instanceof DisclosureEvent e) {
      return e.getDate();
    } else if (payload instanceof YearClosedEvent e) {
      return LocalDate.of(e.getYear(), 12, 31);
    } else if (payload instanceof ReportImported e) {
      return LocalDate.of(e.getYear(), 12, 31);
    }
    throw new IllegalArgumentException("not an event family record: " + payload.getClass().getName());
  }

  private Optional<Verdict.Rejected> date(LocalDate date) {
    if (date.isBefore(EARLIEST)) {
      return reject(Reason.DATE_OUT_OF_RANGE,
          "date " + date + " is before " + EARLIEST + ", when the disclosure regulations took effect");
    }
    LocalDate today = today();
    if (date.isAfter(today)) {
      return reject(Reason.DATE_OUT_OF_RANGE, "date " + date + " is in the future (today is " + today + " in China)");
    }
    return Optional.empty();
  }

  /** A year can be closed once it has ended (China time), from the first report year on. */
  private Optional<Verdict.Rejected> closable(int year) {
    if (year < FIRST_REPORT_YEAR || year >= today().getYear()) {
      return reject(Reason.BAD_YEAR, "year " + year + " cannot be closed: reports exist from " + FIRST_REPORT_YEAR
          + " and a year can be closed only after it has ended (today is " + today() + " in China)");
    }
    return Optional.empty();
  }

  /** A report can be imported for an ended year from the first report year on, as a year can be closed. */
  public Optional<Verdict.Rejected> importable(int year) {
    if (year < FIRST_REPORT_YEAR || year >= today().getYear()) {
      return reject(Reason.BAD_YEAR, "no report can be imported for " + year + ": reports exist from " + FIRST_REPORT_YEAR
          + " and a year's report only once the year has ended (today is " + today() + " in China)");
    }
    return Optional.empty();
  }

  /**
   * The first id of the event (its {@code eventId}, then the business ids, also inside its
   * payload) that breaks the {@link Ids} rule, as a rejection.
   */
  private static Optional<Verdict.Rejected> ids(SpecificRecord event) {
    for (Schema.Field field : event.getSchema().getFields()) {
      Object value = event.get(field.pos());
      if (value instanceof SpecificRecord payload) {
        Optional<Verdict.Rejected> inPayload = ids(payload);
        if (inPayload.isPresent()) {
          return inPayload;
        }
      } else if (value instanceof CharSequence id && field.name().endsWith("Id")) {
        String problem = Ids.problem(id);
        if (problem != null) {
          return reject(Reason.BAD_ID, field.name() + " " + quote(id.toString()) + " " + problem);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Verdict.Rejected> reject(Reason reason, String message) {
    return Optional.of(new Verdict.Rejected(reason, message));
  }
}
