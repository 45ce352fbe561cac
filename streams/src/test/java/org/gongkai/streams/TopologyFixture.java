package org.gongkai.streams;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.gongkai.events.AppealDecided;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.TownEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.state.YearTally;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.report.Report;
import org.gongkai.streams.report.ReportBuilder;
import org.gongkai.streams.report.TallyHistory;

/** The topology on a TopologyTestDriver, with one method per kind of event a town publishes. */
public final class TopologyFixture implements AutoCloseable {
  public static final String NANGANG = "360923105";
  public static final String OTHER_TOWN = "360923100";
  /** "Today" for the fixture: 2026-11-27 in China. */
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> events;
  private final TestOutputTopic<String, byte[]> deadLetters;
  private int sequence;

  public TopologyFixture() {
    this(Set.of(NANGANG, OTHER_TOWN));
  }

  public TopologyFixture(Set<String> knownTowns) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gongkai-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, TestDirs.fresh("gongkai-ttd").toString());
    props.put("processing.exception.handler.global.enabled", "true");
    driver = new TopologyTestDriver(GongkaiTopology.build(new EventChecks(knownTowns::contains, CLOCK)), props);
    events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Sends an event (its family record) under its own town, as a publisher does. */
  public void send(SpecificRecord payload) {
    send(ParsedEvent.townOf(payload), payload);
  }

  /** Sends an event under any key. */
  public void send(String key, SpecificRecord payload) {
    sendBytes(key, encode(payload));
  }

  /** Sends any bytes as a record of the events topic. */
  public void sendBytes(String key, byte[] value) {
    events.pipeInput(key, value);
  }

  /** Sends a record with headers, as publish does (batch and line). */
  public void sendWithHeaders(String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
    events.pipeInput(new TestRecord<>(key, value, headers));
  }

  /** An event as the events topic carries it: its family record in the envelope, encoded. */
  public static byte[] encode(SpecificRecord payload) {
    return Topics.EVENTS.encode(new TownEvent(payload));
  }

  /** Moves the driver's wall clock on, running the punctuations that fall due. */
  public void advanceWallClock(java.time.Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** A tally store (the towns' or the regions' partials) as queries read it: the figures as of the last commit. */
  @SuppressWarnings("unchecked")
  public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, YearTally> tallies(String name) {
    return (org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, YearTally>) driver.getAllStateStores().get(name);
  }

  /** A store of the topology, for tests that look inside. */
  public <V> org.apache.kafka.streams.state.KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  private String nextId() {
    return "e" + (++sequence);
  }

  public void received(String town, String request, String date, Applicant applicant) {
    send(new RequestEvent(nextId(), town, request, LocalDate.parse(date),
        new RequestReceived(applicant)));
  }

  public void concluded(String town, String request, String date, Outcome outcome) {
    send(new RequestEvent(nextId(), town, request, LocalDate.parse(date),
        new RequestConcluded(outcome)));
  }

  public void awarded(String town, String project, String date, String yuan) {
    send(new ProcurementEvent(nextId(), town, project, LocalDate.parse(date), yuan));
  }

  public void filed(String town, String caseId, String date, AppealKind kind) {
    send(new AppealEvent(nextId(), town, caseId, LocalDate.parse(date), new AppealFiled(kind)));
  }

  public void decided(String town, String caseId, String date, AppealResult result) {
    send(new AppealEvent(nextId(), town, caseId, LocalDate.parse(date),
        new AppealDecided(result)));
  }

  public void closed(String town, int year) {
    send(new YearClosedEvent(nextId(), town, year));
  }

  public Report report(String town, int year) {
    return ReportBuilder.build(town, year,
        TallyHistory.upTo(tallies(StoreNames.TALLIES), town, year));
  }

  /** A county's, city's or province's report from the rollup store. */
  public Report regionReport(String region, int year) {
    return ReportBuilder.region(new org.gongkai.streams.report.Place(region, null, "region", null, null, null), year,
        TallyHistory.upTo(tallies(StoreNames.REGION_TALLIES), region, year));
  }

  public long cell(String town, int year, String row, String column) {
    return report(town, year).requests().rows().get(row).get(column);
  }

  public List<TestRecord<String, byte[]>> deadLetters() {
    return new ArrayList<>(deadLetters.readRecordsToList());
  }

  @Override
  public void close() {
    driver.close();
  }

  /**
   * Whether the TALLIES store holds any tally of the town for a year up to {@code upToYear}:
   * what decides whether the API serves the town's report for that year or a 404.
   */
  public boolean hasTallies(String town, int upToYear) {
    return !TallyHistory.upTo(tallies(StoreNames.TALLIES), town, upToYear)
        .isEmpty();
  }

  // Table 二 other than procurement: documents, catalogue items, decisions and fees (DisclosureEvent).

  /** Sends one disclosure fact of the town dated {@code date}, with a fresh eventId. */
  public void disclosed(String town, String date, Object fact) {
    send(new org.gongkai.events.DisclosureEvent(nextId(), town, LocalDate.parse(date), fact));
  }

  public void documentIssued(String town, String document, String date, org.gongkai.events.DocumentKind kind) {
    disclosed(town, date, new org.gongkai.events.DocumentChange(document, org.gongkai.events.DocumentAction.issued, kind));
  }

  public void documentPublished(String town, String document, String date, org.gongkai.events.DocumentKind kind) {
    disclosed(town, date,
        new org.gongkai.events.DocumentChange(document, org.gongkai.events.DocumentAction.published, kind));
  }

  public void documentRepealed(String town, String document, String date, org.gongkai.events.DocumentKind kind) {
    disclosed(town, date,
        new org.gongkai.events.DocumentChange(document, org.gongkai.events.DocumentAction.repealed, kind));
  }

  public void itemAdded(String town, String item, String date, org.gongkai.events.ItemKind kind) {
    disclosed(town, date, new org.gongkai.events.ItemChange(item, org.gongkai.events.ItemAction.added, kind));
  }

  public void itemRemoved(String town, String item, String date, org.gongkai.events.ItemKind kind) {
    disclosed(town, date, new org.gongkai.events.ItemChange(item, org.gongkai.events.ItemAction.removed, kind));
  }

  public void decisionMade(String town, String decision, String date, org.gongkai.events.DecisionKind kind) {
    disclosed(town, date, new org.gongkai.events.DecisionMade(decision, kind));
  }

  public void feeCollected(String town, String fee, String date, String yuan) {
    disclosed(town, date, new org.gongkai.events.FeeCollected(fee, yuan));
  }

  /**
   * The violations of R1–R5 (domain.md §5) in the town's report of {@code year}; R5 is checked
   * against the report of {@code year} − 1 from the second report year on.
   */
  public List<String> identityViolations(String town, int year) {
    Report previous = year > org.gongkai.streams.report.Template.FIRST_YEAR ? report(town, year - 1) : null;
    return org.gongkai.streams.report.Identities.violations(report(town, year), previous);
  }
}
