package org.gongkai.streams.ledger;

import static org.gongkai.schemas.Quotes.quote;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.schemas.Ids;

/**
 * The checks every event passes before its ledger looks at it: a known town, ids that obey
 * {@link Ids} (as in publishers' event lines), a date inside the period the regulations cover
 * and not in the future (China time), sane money.
 */
public final class EventChecks {
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** The 条例 took effect on 2008-05-01; nothing earlier is counted. */
  public static final LocalDate EARLIEST = LocalDate.of(2008, 5, 1);

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

  Optional<Verdict> town(String key, String town) {
    if (!isKnownTown(town)) {
      return Optional.of(Verdict.reject(Reason.UNKNOWN_TOWN,
          "town " + quote(town) + " is not a 9-digit code of the division registry"));
    }
    if (!town.equals(key)) {
      return Optional.of(Verdict.reject(Reason.KEY_MISMATCH,
          "record key " + quote(key) + " differs from the event's town " + town
              + ": events must be keyed by their town code"));
    }
    return Optional.empty();
  }

  Optional<Verdict> date(LocalDate date) {
    if (date.isBefore(EARLIEST)) {
      return Optional.of(Verdict.reject(Reason.DATE_OUT_OF_RANGE,
          "date " + date + " is before " + EARLIEST + ", when the disclosure regulations took effect"));
    }
    LocalDate today = today();
    if (date.isAfter(today)) {
      return Optional.of(Verdict.reject(Reason.DATE_OUT_OF_RANGE,
          "date " + date + " is in the future (today is " + today + " in China)"));
    }
    return Optional.empty();
  }

  /**
   * The first id of the event (its {@code eventId}, then the business ids, also inside its
   * payload) that breaks the {@link Ids} rule, as a rejection; an event sent straight to Kafka
   * passes the same rule as one sent through {@code publish}.
   */
  Optional<Verdict> ids(SpecificRecord event) {
    for (Schema.Field field : event.getSchema().getFields()) {
      Object value = event.get(field.pos());
      if (value instanceof SpecificRecord payload) {
        Optional<Verdict> inPayload = ids(payload);
        if (inPayload.isPresent()) {
          return inPayload;
        }
      } else if (value instanceof CharSequence id && field.name().endsWith("Id")) {
        String problem = Ids.problem(id);
        if (problem != null) {
          return Optional.of(Verdict.reject(Reason.BAD_ID, field.name() + " " + quote(id.toString()) + " " + problem));
        }
      }
    }
    return Optional.empty();
  }

  /** Parses an amount in 元 into fen, or says why it is not a valid amount. */
  static Money money(String yuan) {
    if (yuan == null || !PLAIN_DECIMAL.matcher(yuan).matches()) {
      if (yuan != null && yuan.startsWith("-")) {
        return Money.invalid("amountYuan " + yuan + " is negative");
      }
      if (yuan != null && THREE_OR_MORE_DECIMALS.matcher(yuan).matches()) {
        return Money.invalid("amountYuan " + yuan + " has more than 2 decimals");
      }
      return Money.invalid("amountYuan \"" + yuan + "\" is not a plain decimal of 元 with at most 2 decimals "
          + "(digits, then optionally a point and 1 or 2 digits)");
    }
    BigDecimal amount = new BigDecimal(yuan);
    if (amount.compareTo(new BigDecimal("1000000000000000")) >= 0) {
      return Money.invalid("amountYuan " + yuan + " is beyond 10^15 元");
    }
    return new Money(amount.movePointRight(2).longValueExact(), null);
  }

  /** What publishers must send: the same form the event-lines parser accepts. */
  private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("\\d{1,20}(\\.\\d{1,2})?");
  private static final java.util.regex.Pattern THREE_OR_MORE_DECIMALS = java.util.regex.Pattern.compile("\\d+\\.\\d{3,}");

  /** An amount in fen, or the reason it is invalid. */
  record Money(long fen, String error) {
    static Money invalid(String error) {
      return new Money(0, error);
    }

    boolean valid() {
      return error == null;
    }
  }
}
