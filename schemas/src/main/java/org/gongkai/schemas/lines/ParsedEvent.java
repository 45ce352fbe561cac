package org.gongkai.schemas.lines;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.TownEvent;
import org.gongkai.schemas.Topics;

/**
 * One valid line of a publisher's event file, as the record it becomes on {@link Topics#EVENTS}.
 *
 * @param lineNumber the 1-based line it came from
 * @param town the 9-digit town code, the record's Kafka key
 * @param event the envelope, its payload one family record
 */
public record ParsedEvent(int lineNumber, String town, TownEvent event) {

  public ParsedEvent {
    Objects.requireNonNull(town, "town");
    Objects.requireNonNull(event, "event");
  }

  /** A line's event from its family record (RequestEvent, ProcurementEvent, …). */
  public static ParsedEvent of(int lineNumber, SpecificRecord payload) {
    return new ParsedEvent(lineNumber, townOf(payload), new TownEvent(payload));
  }

  /** The family record inside the envelope. */
  public SpecificRecord payload() {
    return (SpecificRecord) event.getPayload();
  }

  /** The envelope encoded with the topic's serde: the Kafka value. */
  public byte[] value() {
    return Topics.EVENTS.encode(event);
  }

  /** The town a family record is about: every family has a {@code town} field. */
  public static String townOf(SpecificRecord payload) {
    return field(payload, "town");
  }

  /** The publisher's id of the event: every family has an {@code eventId} field. */
  public static String eventIdOf(SpecificRecord payload) {
    return field(payload, "eventId");
  }

  private static String field(SpecificRecord payload, String name) {
    org.apache.avro.Schema.Field field = payload.getSchema().getField(name);
    if (field == null) {
      throw new IllegalArgumentException("not an event family record: " + payload.getSchema().getFullName());
    }
    return String.valueOf(payload.get(field.pos()));
  }
}
