package org.gongkai.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serdes;
import org.gongkai.events.TownEvent;

/**
 * The one registry of Gongkai's topics. Every event of a town travels on {@link #EVENTS}, keyed
 * by the 9-digit town code: Kafka keeps order only within a partition, and a town's events must
 * be applied in the order the town published them (docs/events.md).
 */
public final class Topics {
  static {
    // Before the first generated class is touched: Avro reads the trusted packages once.
    TrustedPackages.install();
  }

  /** Every event of every town, as a {@link TownEvent} in Avro single-object encoding. */
  public static final Topic<String, TownEvent> EVENTS = new Topic<>("gongkai.events", Serdes.String(),
      new AvroSerde<>(TownEvent.getClassSchema(), List.of(townEventBeforeImports())), TownEvent.class);

  /** Rejected events: the original key and bytes, the reason and the source in headers. */
  public static final Topic<String, byte[]> DEAD_LETTERS =
      new Topic<>("gongkai.dead-letters", Serdes.String(), Serdes.ByteArray(), byte[].class);

  /** Twice Kafka's default record limit: room for the largest input record and its reason headers. */
  public static final int DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

  /** The topics Gongkai creates when they are missing. */
  public static final List<Topic<?, ?>> ALL = List.of(EVENTS, DEAD_LETTERS);

  private Topics() {}

  /**
   * The envelope as written before {@code ReportImported} joined the end of its union: the
   * events already on the topic carry that schema's fingerprint, and still read.
   */
  static Schema townEventBeforeImports() {
    Schema now = TownEvent.getClassSchema();
    Schema.Field payload = now.getField("payload");
    List<Schema> families = payload.schema().getTypes();
    Schema union = Schema.createUnion(families.subList(0, families.size() - 1));
    return Schema.createRecord(now.getName(), now.getDoc(), now.getNamespace(), false,
        List.of(new Schema.Field(payload.name(), union, payload.doc())));
  }

  public static List<String> allNames() {
    return ALL.stream().map(Topic::name).toList();
  }
}
