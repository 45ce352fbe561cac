package org.gongkai.streams.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.gongkai.events.TownEvent;
import org.gongkai.schemas.AvroSerde;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.ParsedEvent;
import java.util.List;
import org.gongkai.events.ReportImported;
import org.gongkai.state.CaseState;
import org.gongkai.state.ImportedState;
import org.gongkai.state.ImportedSum;
import org.gongkai.state.TownState;
import org.gongkai.state.DocumentState;
import org.gongkai.state.FactState;
import org.gongkai.state.ItemState;
import org.gongkai.state.Receipt;
import org.gongkai.state.Rejection;
import org.gongkai.state.RequestState;
import org.gongkai.state.YearTally;
import org.gongkai.streams.Progress;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.rollup.RegionPartials;
import org.gongkai.streams.store.Entities;
import org.gongkai.streams.store.StateSerde;
import org.gongkai.streams.store.WriteBackStore;
import org.gongkai.streams.tally.YearTallySerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event of a town, in the order the town published it (one topic, keyed by town): decodes
 * it, admits it ({@link EventChecks#admit}), lets its family's rules decide, counts the verdict
 * for the town and year, and tells the publisher what became of it (receipt, rejections). A
 * rejected event goes to the dead-letter topic with its reason and original bytes (its output:
 * the original key and value, the reason in the headers); it never throws on bad input. Each
 * change to a town's tally is made to the partials of the regions above it too ({@link TallyBook}).
 */
public final class EventLedger implements Processor<String, byte[], String, byte[]> {
  public static final String H_REASON = "gongkai.reason";
  public static final String H_MESSAGE = "gongkai.message";
  public static final String H_TOPIC = "gongkai.source.topic";
  public static final String H_PARTITION = "gongkai.source.partition";
  public static final String H_OFFSET = "gongkai.source.offset";
  /** Set by {@code publish} on every event it sends: the publish (batch) it belongs to, for its receipt. */
  public static final String H_BATCH = "gongkai.batch";
  /** Set by {@code publish}: the event's line in the published file. */
  public static final String H_LINE = "gongkai.line";

  private static final Logger LOG = LoggerFactory.getLogger(EventLedger.class);
  private static final int MAX_MESSAGE = 1000;

  private final EventChecks checks;
  private final Progress progress;
  private final Map<Class<?>, Family<?>> families = new HashMap<>();
  private ProcessorContext<String, byte[]> context;
  private TownStates towns;
  private TallyBook tallies;
  private Receipts receipts;
  private Rejections rejections;

  private EventLedger(EventChecks checks, Progress progress) {
    this.checks = checks;
    this.progress = progress;
  }

  /** The ledger and the stores it opens, for the topology. */
  public static ProcessorSupplier<String, byte[], String, byte[]> supplier(EventChecks checks, Progress progress) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, byte[], String, byte[]> get() {
        return new EventLedger(checks, progress);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            WriteBackStore.builder(StoreNames.TALLIES, new YearTallySerde(), StoreNames.TALLIES_KEPT)
                .withLoggingEnabled(StoreNames.CHANGELOG),
            RegionPartials.builder(StoreNames.REGION_TALLIES),
            WriteBackStore.builder(StoreNames.ENTITIES, new StateSerde(List.of(RequestState.getClassSchema(),
                CaseState.getClassSchema(), DocumentState.getClassSchema(), ItemState.getClassSchema(),
                FactState.getClassSchema(), TownState.getClassSchema())), StoreNames.ENTITIES_KEPT)
                .withLoggingEnabled(StoreNames.CHANGELOG),
            StoreNames.keyValue(StoreNames.IMPORTED, new AvroSerde<ImportedState>(ImportedState.getClassSchema())),
            StoreNames.keyValue(StoreNames.IMPORTED_SUMS, new AvroSerde<ImportedSum>(ImportedSum.getClassSchema())),
            StoreNames.keyValue(StoreNames.RECEIPTS, new AvroSerde<Receipt>(Receipt.getClassSchema())),
            StoreNames.keyValue(StoreNames.REJECTIONS, new AvroSerde<Rejection>(Rejection.getClassSchema())));
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    WriteBackStore<SpecificRecord> entities = context.getStateStore(StoreNames.ENTITIES);
    towns = new TownStates(new Entities<>(entities, "town", TownState.class));
    ImportedYears imported = new ImportedYears(context.getStateStore(StoreNames.IMPORTED),
        context.getStateStore(StoreNames.IMPORTED_SUMS));
    WriteBackStore<YearTally> townTallies = context.getStateStore(StoreNames.TALLIES);
    RegionPartials partials = context.getStateStore(StoreNames.REGION_TALLIES);
    // The task's stores are restored now: its regions' partials are what its town tallies add up to.
    long start = System.nanoTime();
    try (KeyValueIterator<String, YearTally> all = townTallies.all()) {
      int read = partials.rebuild(all);
      if (read > 0) { // a task with figures: the operator sees what a start or a move costs
        LOG.info("task {}: region partials added up from {} town tallies in {} ms", context.taskId(), read,
            (System.nanoTime() - start) / 1_000_000);
      }
    }
    tallies = new TallyBook(townTallies, partials, towns, imported);
    receipts = new Receipts(context.getStateStore(StoreNames.RECEIPTS));
    rejections = new Rejections(context.getStateStore(StoreNames.REJECTIONS));
    Facts facts = new Facts(new Entities<>(entities, "fact", FactState.class));
    // In the order of the report: table 二, 三, 四, then closing the year.
    register(new DisclosureRules(new Entities<>(entities, "document", DocumentState.class),
        new Entities<>(entities, "item", ItemState.class), facts, tallies));
    register(new ProcurementRules(facts, tallies));
    register(new RequestRules(new Entities<>(entities, "request", RequestState.class), tallies));
    register(new AppealRules(new Entities<>(entities, "case", CaseState.class), tallies));
    register(new ClosureRules(towns, tallies));
    // Imported history: a published report as the figures of a year without events.
    register(new ImportRules(towns, imported));
    context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, receipts::expire);
  }

  private void register(Family<?> family) {
    families.put(family.type(), family);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    TownEvent event;
    try {
      event = Topics.EVENTS.decode(record.value());
    } catch (SerializationException e) {
      refuse(record, null, Rejections.yearPublished(record.timestamp()),
          new Verdict.Rejected(Reason.UNDECODABLE, e.getMessage()));
      return;
    }
    if (event == null) {
      refuse(record, null, Rejections.yearPublished(record.timestamp()),
          new Verdict.Rejected(Reason.UNDECODABLE, "empty record (no value): events are never deleted"));
      return;
    }
    SpecificRecord payload = (SpecificRecord) event.getPayload();
    int year = EventChecks.datedOn(payload).getYear();
    Optional<Verdict.Rejected> refused = checks.admit(record.key(), payload);
    if (refused.isPresent()) {
      refuse(record, payload, year, refused.get());
      return;
    }
    String town = record.key();
    int countingYear = towns.countingYear(town, year);
    Verdict verdict = apply(payload);
    // An imported report is no event of its year: counting it in a tally would give the town
    // figures from events for that year (ImportRules).
    Disposition disposition = payload instanceof ReportImported
        ? Disposition.of(verdict) : count(town, year, countingYear, verdict);
    tallies.write();
    told(record, town, payload, year, disposition, verdict instanceof Verdict.Rejected r ? r : null);
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> Verdict apply(T payload) {
    return ((Family<T>) families.get(payload.getClass())).apply(payload);
  }

  /** Counts the verdict in the year the event counts in (late events in the first open year). */
  private Disposition count(String town, int year, int countingYear, Verdict verdict) {
    Disposition judged = Disposition.of(verdict);
    Disposition disposition = judged == Disposition.ACCEPTED && countingYear != year ? Disposition.LATE : judged;
    tallies.change(town, countingYear, tally -> {
      switch (disposition) {
        case ACCEPTED -> tally.setAccepted(tally.getAccepted() + 1);
        case LATE -> {
          tally.setAccepted(tally.getAccepted() + 1);
          tally.setLate(tally.getLate() + 1);
        }
        case DUPLICATE -> tally.setDuplicates(tally.getDuplicates() + 1);
        case REJECTED -> tally.setRejected(tally.getRejected() + 1);
      }
    });
    return disposition;
  }

  /** An event refused before any state was looked at: not counted in a tally, but never lost. */
  private void refuse(Record<String, byte[]> record, SpecificRecord payload, int year, Verdict.Rejected rejected) {
    String town = checks.isKnownTown(record.key()) ? record.key() : null;
    told(record, town, payload, year, Disposition.REJECTED, rejected);
  }

  /**
   * What every event ends with: the dead letter of a rejected one, and for a town the publisher
   * can ask about, its receipt and rejections; then the progress figures.
   *
   * @param town the town whose publisher is told, or null when the record names no known town
   */
  private void told(Record<String, byte[]> record, String town, SpecificRecord payload, int year,
      Disposition disposition, Verdict.Rejected rejected) {
    Optional<RecordMetadata> source = context.recordMetadata();
    int partition = source.map(RecordMetadata::partition).orElse(-1);
    long offset = source.map(RecordMetadata::offset).orElse(-1L);
    if (rejected != null) {
      deadLetter(record, rejected, source);
    }
    if (town != null) {
      String batch = header(record, H_BATCH);
      Integer line = lineOf(record);
      if (batch != null) {
        String eventId = payload == null ? null : ParsedEvent.eventIdOf(payload);
        receipts.count(town, batch, record.timestamp(), year, disposition, line, eventId, rejected, offset);
      }
      if (rejected != null) {
        rejections.record(town, year, partition, offset, record.timestamp(), line, batch, rejected, record.value());
      }
    }
    progress.applied(partition, offset, record.timestamp(), disposition, rejected == null ? null : rejected.reason().code());
  }

  private void deadLetter(Record<String, byte[]> record, Verdict.Rejected rejected, Optional<RecordMetadata> source) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    put(headers, H_REASON, rejected.reason().code());
    put(headers, H_MESSAGE, capped(rejected.message()));
    source.ifPresent(meta -> {
      put(headers, H_TOPIC, meta.topic());
      put(headers, H_PARTITION, Integer.toString(meta.partition()));
      put(headers, H_OFFSET, Long.toString(meta.offset()));
    });
    LOG.debug("dead letter {} from {}: {}", rejected.reason().code(),
        source.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"), rejected.message());
    context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers));
  }

  private static String header(Record<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The line header, when it is a line number; anything else is ignored (it only labels the receipt). */
  private static Integer lineOf(Record<String, byte[]> record) {
    String line = header(record, H_LINE);
    if (line == null || !line.matches("[0-9]{1,9}")) {
      return null;
    }
    return Integer.valueOf(line);
  }

  /** Messages quote the publisher's values; a huge id must not make a huge dead letter. */
  static String capped(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "… (" + message.length() + " chars)";
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
