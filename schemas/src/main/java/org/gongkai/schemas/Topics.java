package org.gongkai.schemas;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.YearClosedEvent;

/**
 * The one registry of Gongkai's topics and the serde of each. Every input topic is keyed by
 * the 9-digit town code (UTF-8 string) and carries one Avro record type.
 */
public final class Topics {
  static {
    // Before the first generated class is touched: Avro reads the trusted packages once.
    TrustedPackages.install();
  }

  /** An input topic and the record type it carries. */
  public record Input<T extends SpecificRecord>(String name, AvroSerde<T> serde) {}

  public static final Input<RequestEvent> REQUESTS =
      new Input<>("gongkai.requests", new AvroSerde<>(RequestEvent.getClassSchema()));
  public static final Input<ProcurementEvent> PROCUREMENT =
      new Input<>("gongkai.procurement", new AvroSerde<>(ProcurementEvent.getClassSchema()));
  public static final Input<AppealEvent> APPEALS =
      new Input<>("gongkai.appeals", new AvroSerde<>(AppealEvent.getClassSchema()));
  public static final Input<DisclosureEvent> DISCLOSURE =
      new Input<>("gongkai.disclosure", new AvroSerde<>(DisclosureEvent.getClassSchema()));
  public static final Input<YearClosedEvent> CLOSURES =
      new Input<>("gongkai.closures", new AvroSerde<>(YearClosedEvent.getClassSchema()));

  /** Rejected events: original bytes as value, reason and source in headers. */
  public static final String DEAD_LETTERS = "gongkai.dead-letters";
  /** Twice Kafka's default record limit: room for the largest input record and its reason headers. */
  public static final int DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

  public static final List<Input<?>> INPUTS =
      List.of(REQUESTS, PROCUREMENT, APPEALS, DISCLOSURE, CLOSURES);

  private Topics() {}

  public static List<String> inputNames() {
    return INPUTS.stream().map(Input::name).toList();
  }

  public static List<String> allNames() {
    List<String> names = new java.util.ArrayList<>(inputNames());
    names.add(DEAD_LETTERS);
    return names;
  }
}
