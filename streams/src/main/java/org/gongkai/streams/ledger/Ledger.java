package org.gongkai.streams.ledger;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.gongkai.schemas.AvroSerde;
import org.gongkai.state.YearTally;
import org.gongkai.streams.Progress;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.rollup.RegionCodes;
import org.gongkai.streams.rollup.TownDelta;
import org.gongkai.streams.tally.TallyCells;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One family of events: decodes each record, runs the common checks, lets the family's rules
 * decide, counts the verdict for the town and year, and sends every rejected event to the
 * dead-letter topic with its reason and original bytes. It never throws on bad input.
 * Its output is a {@link DeadLetter} (key: the original key) or, per tally year the event
 * changed, a {@link TownDelta} for the regions above the town (key: the town's province).
 *
 * @param <T> the Avro record type of the family's topic
 */
public abstract class Ledger<T extends SpecificRecord>
    implements Processor<String, byte[], String, Object> {
  public static final String H_REASON = "gongkai.reason";
  public static final String H_MESSAGE = "gongkai.message";
  public static final String H_TOPIC = "gongkai.source.topic";
  public static final String H_PARTITION = "gongkai.source.partition";
  public static final String H_OFFSET = "gongkai.source.offset";

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  private final AvroSerde<T> serde;
  protected final EventChecks checks;
  private ProcessorContext<String, Object> context;
  TallyBook tallies;
  Closures closures;

  private final Progress progress;

  protected Ledger(AvroSerde<T> serde, EventChecks checks, Progress progress) {
    this.serde = serde;
    this.checks = checks;
    this.progress = progress;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.tallies = new TallyBook(context.getStateStore(StoreNames.TALLIES));
    this.closures = new Closures(context.getStateStore(StoreNames.CLOSURES));
    openStores(context);
  }

  /** Opens the family's own state stores. */
  protected abstract void openStores(ProcessorContext<String, Object> context);

  protected abstract String town(T event);

  /** The date that places the event in a report year. */
  protected abstract LocalDate date(T event);

  /** The family's rules; called only for events that passed the common checks. */
  protected abstract Verdict apply(T event);

  @Override
  public void process(Record<String, byte[]> record) {
    decide(record);
    context.recordMetadata().ifPresent(meta -> progress.applied(meta.partition(), meta.offset(), record.timestamp()));
  }

  private void decide(Record<String, byte[]> record) {
    T event;
    try {
      event = serde.decode(record.value());
    } catch (SerializationException e) {
      deadLetter(record, new Verdict.Rejected(Reason.UNDECODABLE, e.getMessage()));
      return;
    }
    if (event == null) {
      deadLetter(record, new Verdict.Rejected(Reason.UNDECODABLE, "empty record (no value): events are never deleted"));
      return;
    }
    String town = town(event);
    Optional<Verdict> early = checks.town(record.key(), town);
    if (early.isPresent()) {
      deadLetter(record, (Verdict.Rejected) early.get());
      return;
    }
    Optional<Verdict> badId = checks.ids(event);
    if (badId.isPresent()) {
      deadLetter(record, (Verdict.Rejected) badId.get());
      return;
    }
    Optional<Verdict> badDate = checkDate(event);
    if (badDate.isPresent()) {
      deadLetter(record, (Verdict.Rejected) badDate.get());
      return;
    }
    int year = date(event).getYear();
    int countingYear = closures.countingYear(town, year);
    Verdict verdict = apply(event);
    count(town, year, countingYear, verdict);
    tallies.write();
    forwardToRegions(town, record.timestamp());
    if (verdict instanceof Verdict.Rejected rejected) {
      deadLetter(record, rejected);
    }
  }

  protected Optional<Verdict> checkDate(T event) {
    return checks.date(date(event));
  }

  /**
   * Adds an accepted event to the tally of its year, or, when that year is already closed, to
   * the first open year: final figures never change (see {@link Closures}).
   */
  protected final void change(String town, LocalDate date, java.util.function.Consumer<YearTally> change) {
    tallies.change(town, closures.countingYear(town, date.getYear()), change);
  }

  private void count(String town, int year, int countingYear, Verdict verdict) {
    tallies.change(town, countingYear, tally -> {
      if (verdict instanceof Verdict.Accepted && countingYear != year) {
        tally.setAccepted(tally.getAccepted() + 1);
        tally.setLate(tally.getLate() + 1);
      } else if (verdict instanceof Verdict.Accepted) {
        tally.setAccepted(tally.getAccepted() + 1);
      } else if (verdict instanceof Verdict.Duplicate) {
        tally.setDuplicates(tally.getDuplicates() + 1);
      } else {
        tally.setRejected(tally.getRejected() + 1);
      }
    });
  }

  private void forwardToRegions(String town, long timestamp) {
    String province = RegionCodes.province(town);
    tallies.drainDeltas().forEach((year, delta) -> context.forward(
        new Record<>(province, new TownDelta(town, year, TallyCells.nonZero(delta)), timestamp)));
  }

  private void deadLetter(Record<String, byte[]> record, Verdict.Rejected rejected) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    put(headers, H_REASON, rejected.reason().code());
    put(headers, H_MESSAGE, capped(rejected.message()));
    Optional<RecordMetadata> source = context.recordMetadata();
    source.ifPresent(meta -> {
      put(headers, H_TOPIC, meta.topic());
      put(headers, H_PARTITION, Integer.toString(meta.partition()));
      put(headers, H_OFFSET, Long.toString(meta.offset()));
    });
    LOG.debug("dead letter {} from {}: {}", rejected.reason().code(),
        source.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
        rejected.message());
    context.forward(new Record<>(record.key(), new DeadLetter(record.value()), record.timestamp(), headers));
  }

  /** Messages quote the publisher's values; a huge id must not make a huge dead letter. */
  static String capped(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "… (" + message.length() + " chars)";
  }

  private static final int MAX_MESSAGE = 1000;

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
