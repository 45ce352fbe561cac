package org.gongkai.schemas.lines;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;

/**
 * One valid line of a publisher's event file, as the Avro record it becomes on Kafka.
 *
 * @param lineNumber the 1-based line it came from
 * @param topic the input topic the record travels on
 * @param town the 9-digit town code, the record's Kafka key
 * @param record the record, of the type {@code topic} carries
 */
public record ParsedEvent(int lineNumber, Topics.Input<?> topic, String town, SpecificRecord record) {

  /** The record class of each input topic; Topics.Input does not carry it. */
  private static final Map<String, Class<? extends SpecificRecord>> RECORD_TYPES = Map.of(
      Topics.REQUESTS.name(), RequestEvent.class,
      Topics.PROCUREMENT.name(), ProcurementEvent.class,
      Topics.APPEALS.name(), AppealEvent.class,
      Topics.DISCLOSURE.name(), DisclosureEvent.class,
      Topics.CLOSURES.name(), YearClosedEvent.class);

  public ParsedEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(town, "town");
    Objects.requireNonNull(record, "record");
    Class<? extends SpecificRecord> expected = RECORD_TYPES.get(topic.name());
    if (expected == null || !expected.isInstance(record)) {
      throw new IllegalArgumentException(
          "topic " + topic.name() + " does not carry " + record.getClass().getSimpleName());
    }
  }

  /** The record encoded with its topic's serde: the Kafka value. */
  public byte[] value() {
    return encode(topic, record);
  }

  /** Recovers the record's static type; safe because the constructor checked it. */
  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> byte[] encode(Topics.Input<T> topic, SpecificRecord record) {
    return topic.serde().encode((T) record);
  }
}
