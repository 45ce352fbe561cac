package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.api.RunningApp;
import org.gongkai.api.SharedBroker;
import org.gongkai.api.cli.PublishCommand;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.AppealKind;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.streams.ledger.EventLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input at every edge, and what it must get: at the Kafka edge a dead letter with the right
 * reason code (or the broker's refusal), at the HTTP edge a 4xx JSON error that says what and
 * where, from {@code publish} a non-zero exit with the line-numbered problem. After every case the
 * app still answers and the reference report (南港镇 2020) is exactly what it was.
 *
 * <p>Kafka cases are produced once, before the first case, each with a header naming it; the
 * dead letter carries the header along, so each case finds its own letter. Events that get past
 * decoding use 燕儿窝街道 (650102002), a town no other test uses, or no real town at all.
 */
class HostileInputCorpusTest {
  private static final String REFERENCE = "/api/v1/towns/360923105/reports/2020";
  private static final String NANGANG = "360923105";
  /** 燕儿窝街道, Ürümqi: events that pass decoding go here, far from the reference town's county. */
  private static final String HOSTILE_TOWN = "650102002";
  private static final String CASE_HEADER = "x-hostile-case";
  private static final String TOKEN = "hostile-corpus-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LETTER_TIMEOUT = Duration.ofSeconds(60);

  private static final List<ProducerRecord<String, byte[]>> TO_PRODUCE = new ArrayList<>();
  private static final Map<String, Exception> SEND_FAILURES = new HashMap<>();
  private static final Map<String, ConsumerRecord<String, byte[]>> LETTERS = new HashMap<>();
  private static final List<List<ParsedEvent>> PUBLISHED = new CopyOnWriteArrayList<>();
  private static final List<Case> CASES = buildCorpus();

  private static JsonNode seeded;
  private static JsonNode before;
  private static KafkaConsumer<String, byte[]> deadLetters;
  private static ApiFront front;
  private static Path tmp;

  /** One hostile input and the check of its answer. */
  record Case(String name, Check check) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }

  @BeforeAll
  static void produceKafkaCases() throws Exception {
    seeded = RunningApp.seeded();
    before = RunningApp.json(RunningApp.get(REFERENCE));
    tmp = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "hostile");
    front = ApiFront.start(ClientRateLimit.disabled(), PublisherTokens.parse(
        List.of(HOSTILE_TOWN + " " + PublisherTokens.sha256Hex(TOKEN)), "test", t -> true), events -> {
          PUBLISHED.add(events);
          return ApiFront.recorded(events);
        });
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    deadLetters = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = deadLetters.partitionsFor(Topics.DEAD_LETTERS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    deadLetters.assign(partitions);
    deadLetters.seekToEnd(partitions);
    partitions.forEach(deadLetters::position);

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Above the broker's limit, so that the broker, not this client, refuses the 1 MB record.
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<String, byte[]> record : TO_PRODUCE) {
        String name = new String(record.headers().lastHeader(CASE_HEADER).value(), StandardCharsets.UTF_8);
        try {
          producer.send(record).get();
        } catch (ExecutionException e) {
          SEND_FAILURES.put(name, (Exception) e.getCause());
        }
      }
    }
  }

  @AfterAll
  static void close() {
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (front != null) {
      front.close();
    }
  }

  static Stream<Case> corpus() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void shouldAnswerClearlyAndChangeNothingWhenInputIsHostile(Case hostile) throws Exception {
    hostile.check().run();

    var after = RunningApp.get(REFERENCE);
    assertEquals(200, after.statusCode(), "the app still answers a normal request: " + after.body());
    JsonNode report = RunningApp.json(after);
    assertEquals(before, report, "the reference report is unchanged, events block included");
    for (String figures : List.of("proactive", "requests", "appeals", "status", "template")) {
      assertEquals(seeded.get(figures), report.get(figures), figures + " as seeded");
    }
    assertTrue(PUBLISHED.isEmpty(), "nothing hostile was published over HTTP: " + PUBLISHED);
  }

  // ---------------------------------------------------------------- the corpus

  private static List<Case> buildCorpus() {
    List<Case> cases = new ArrayList<>();
    Random random = new Random(20260101);
    String requests = Topics.EVENTS.name();

    // -- Kafka: bytes that are no record
    byte[] garbage = new byte[64];
    random.nextBytes(garbage);
    cases.add(kafka("kafka: random bytes", requests, HOSTILE_TOWN, garbage, "undecodable", "Avro"));
    cases.add(kafka("kafka: JSON instead of Avro", requests, HOSTILE_TOWN,
        "{\"type\":\"request.received\",\"town\":\"650102002\"}".getBytes(StandardCharsets.UTF_8), "undecodable", "Avro"));
    byte[] filing = encode(AppealEvent.newBuilder().setEventId("t-1").setTown(HOSTILE_TOWN)
        .setCaseId("C-T").setDate(LocalDate.of(2021, 3, 1)).setChange(new AppealFiled(AppealKind.reconsideration)).build());
    cases.add(kafka("kafka: truncated record", requests, HOSTILE_TOWN,
        Arrays.copyOf(filing, filing.length - 4), "undecodable", "Avro"));
    byte[] unknownFingerprint = filing.clone();
    for (int i = 2; i < 10; i++) {
      unknownFingerprint[i] = (byte) random.nextInt();
    }
    cases.add(kafka("kafka: unknown schema fingerprint", requests, HOSTILE_TOWN, unknownFingerprint,
        "undecodable", "fingerprint"));
    byte[] receipt = encode(receipt("e-enum", HOSTILE_TOWN, "R-ENUM", LocalDate.of(2021, 3, 1)));
    byte[] badEnum = Arrays.copyOf(receipt, receipt.length + 1);
    badEnum[receipt.length - 1] = (byte) 0xC6; // applicant: symbol index 99 (zig-zag varint C6 01)
    badEnum[receipt.length] = 0x01;
    cases.add(kafka("kafka: enum symbol index 99 (applicant)", requests, HOSTILE_TOWN, badEnum, "undecodable", "Avro"));
    byte[] badUnion = receipt.clone();
    badUnion[receipt.length - 2] = 0x0E; // change: union branch 7 of 2
    cases.add(kafka("kafka: union branch index 7 (change)", requests, HOSTILE_TOWN, badUnion, "undecodable", "Avro"));
    byte[] bare = new org.gongkai.schemas.AvroSerde<YearClosedEvent>(YearClosedEvent.getClassSchema())
        .encode(new YearClosedEvent("e-bare", HOSTILE_TOWN, 2020));
    cases.add(kafka("kafka: a family record outside the envelope", requests, HOSTILE_TOWN, bare,
        "undecodable", "fingerprint"));
    byte[] badPayload = receipt.clone();
    badPayload[10] = 0x12; // the envelope's payload: union branch 9 of 5 (the first byte after the 10-byte header)
    cases.add(kafka("kafka: envelope payload branch 9 of 5", requests, HOSTILE_TOWN, badPayload, "undecodable", "Avro"));
    cases.add(kafka("kafka: empty value (0 bytes)", requests, HOSTILE_TOWN, new byte[0],
        "undecodable", "Avro"));
    cases.add(kafka("kafka: tombstone (null value)", requests, HOSTILE_TOWN, null,
        "undecodable", "empty record"));
    byte[] hugeYear = encode(new YearClosedEvent("e-huge-year", HOSTILE_TOWN, 0));
    hugeYear = concat(Arrays.copyOf(hugeYear, hugeYear.length - 1), zigZagVarint(99_999_999_999L));
    cases.add(kafka("kafka: year 99999999999 (beyond Avro int)", requests, HOSTILE_TOWN, hugeYear,
        "undecodable", "Avro"));

    // -- Kafka: towns and keys
    cases.add(kafka("kafka: unknown town 999999999", requests, "999999999",
        encode(receipt("e-unknown", "999999999", "R-1", LocalDate.of(2021, 3, 1))), "unknown_town", "999999999"));
    cases.add(kafka("kafka: unicode digits town ３６０９２３１０５", requests, "３６０９２３１０５",
        encode(receipt("e-unicode", "３６０９２３１０５", "R-1", LocalDate.of(2021, 3, 1))),
        "unknown_town", "３６０９２３１０５"));
    cases.add(kafka("kafka: <script> as town", requests, "<script>alert(1)</script>",
        encode(receipt("e-script", "<script>alert(1)</script>", "R-1", LocalDate.of(2021, 3, 1))),
        "unknown_town", "<script>"));
    cases.add(kafka("kafka: key of another town (key_mismatch)", requests, NANGANG,
        encode(receipt("e-key", HOSTILE_TOWN, "R-KEY", LocalDate.of(2021, 3, 1))), "key_mismatch", NANGANG));

    // -- Kafka: ids
    String sql = "R'; DROP TABLE requests; --";
    cases.add(kafka("kafka: SQL text as requestId", requests, HOSTILE_TOWN,
        encode(conclusion("e-sql", sql, LocalDate.of(2021, 3, 2))), "unknown_request", sql));
    String control = "R\u0000\n\u001b[31m\u0007";
    cases.add(kafka("kafka: control characters in requestId", requests, HOSTILE_TOWN,
        encode(conclusion("e-ctl", control, LocalDate.of(2021, 3, 2))), "bad_id",
        "requestId \"R\\u0000\\u000a\\u001b[31m\\u0007\" contains a control character"));
    String script = "<script>alert('x')</script>";
    cases.add(kafka("kafka: <script> as requestId", requests, HOSTILE_TOWN,
        encode(conclusion("e-xss", script, LocalDate.of(2021, 3, 2))), "unknown_request", script));
    String bigId = "B".repeat(100_000);
    cases.add(kafka("kafka: 100 KB requestId", requests, HOSTILE_TOWN,
        encode(conclusion("e-100k", bigId, LocalDate.of(2021, 3, 2))), "bad_id",
        "is longer than 200 characters"));
    byte[] megabyte = encode(conclusion("e-1m", "M".repeat(1024 * 1024), LocalDate.of(2021, 3, 2)));
    cases.add(refusedByBroker("kafka: 1 MB requestId (the broker refuses it)", requests, HOSTILE_TOWN, megabyte));
    String hugeTown = "3".repeat(600 * 1024);
    cases.add(kafka("kafka: 600 KB town", requests, HOSTILE_TOWN,
        encode(receipt("e-600k-town", hugeTown, "R-1", LocalDate.of(2021, 3, 1))), "unknown_town",
        "is not a 9-digit code"));
    cases.add(kafka("kafka: receipt with an empty requestId", requests, HOSTILE_TOWN,
        encode(receipt("e-empty-id", HOSTILE_TOWN, "", LocalDate.of(2021, 3, 1))), "bad_id",
        "requestId \"\" is empty"));
    cases.add(kafka("kafka: receipt with a padded requestId", requests, HOSTILE_TOWN,
        encode(receipt("e-padded-id", HOSTILE_TOWN, "R-1 ", LocalDate.of(2021, 3, 1))), "bad_id",
        "has leading or trailing whitespace"));
    cases.add(kafka("kafka: receipt with a 300 KB requestId", requests, HOSTILE_TOWN,
        encode(receipt("e-300k-id", HOSTILE_TOWN, "R".repeat(300 * 1024), LocalDate.of(2021, 3, 1))),
        "bad_id", "is longer than 200 characters"));
    cases.add(kafka("kafka: control characters in eventId", requests, HOSTILE_TOWN,
        encode(receipt("e-ctl\u0000\u001b", HOSTILE_TOWN, "R-CTL", LocalDate.of(2021, 3, 1))), "bad_id",
        "eventId \"e-ctl\\u0000\\u001b\" contains a control character"));

    // -- Kafka: absurd years and dates
    for (int year : new int[] {0, 9999, -1, 20200}) {
      LocalDate date = LocalDate.of(year, year == 9999 ? 12 : 1, year == 9999 ? 31 : 1);
      cases.add(kafka("kafka: receipt dated " + date, requests, HOSTILE_TOWN,
          encode(receipt("e-date-" + year, HOSTILE_TOWN, "R-D" + year, date)), "date_out_of_range",
          date.toString()));
      cases.add(kafka("kafka: year.closed for year " + year, requests, HOSTILE_TOWN,
          encode(new YearClosedEvent("e-close-" + year, HOSTILE_TOWN, year)), "bad_year",
          "year " + year + " cannot be closed"));
    }

    // -- Kafka: money
    for (String amount : new String[] {"1".repeat(30), "３６０", "1e5", "-5.00", "NaN", "12.345"}) {
      cases.add(kafka("kafka: amountYuan \"" + amount + "\"", requests, HOSTILE_TOWN,
          encode(ProcurementEvent.newBuilder().setEventId("e-amount-" + amount).setTown(HOSTILE_TOWN)
              .setProjectId("P-" + amount).setDate(LocalDate.of(2021, 5, 1)).setAmountYuan(amount).build()),
          "bad_amount", "amountYuan"));
    }

    // -- HTTP: paths
    cases.add(http("http: ../../etc/passwd", "GET", "/api/v1/towns/../../etc/passwd", 404, "no such route"));
    cases.add(http("http: %2e%2e/%2e%2e/etc/passwd", "GET", "/api/v1/towns/%2e%2e/%2e%2e/etc/passwd", 404, "no such route"));
    cases.add(http("http: encoded slashes in the town", "GET",
        "/api/v1/towns/360923105%2F..%2F..%2Fetc%2Fpasswd/reports/2020", 400, "town must be a 9-digit town code"));
    cases.add(http("http: encoded backslashes in the town", "GET", "/api/v1/towns/..%5C..%5Cwindows/reports/2020", 400,
        "town must be a 9-digit town code"));
    cases.add(http("http: overlong path (20 KB)", "GET", "/api/v1/towns/" + "9".repeat(20_000) + "/reports/2020", 414,
        "URL is longer"));
    cases.add(http("http: 1 MB id in the path", "GET", "/api/v1/towns/" + "7".repeat(1024 * 1024) + "/reports/2020", 414,
        "URL is longer"));
    cases.add(http("http: NUL in the path", "GET", "/api/v1/towns/360923105/reports/2020%00", 400, "could not be read"));
    cases.add(http("http: escape character in the town", "GET", "/api/v1/towns/36092%1B105/reports/2020", 400,
        "town must be a 9-digit town code"));
    cases.add(http("http: overlong UTF-8 dots (%C0%AE)", "GET", "/api/v1/towns/%C0%AE%C0%AE/reports/2020", 400,
        "could not be read"));
    cases.add(http("http: <script> as town", "GET", "/api/v1/towns/" + enc("<script>alert(1)</script>") + "/reports/2020",
        400, "town must be a 9-digit town code"));
    cases.add(http("http: SQL as town", "GET", "/api/v1/towns/" + enc("' OR '1'='1") + "/reports/2020", 400,
        "town must be a 9-digit town code"));
    cases.add(http("http: SQL as region", "GET", "/api/v1/regions/" + enc("36; DROP TABLE towns") + "/reports/2020", 400,
        "region must be a county"));
    cases.add(http("http: SQL as sort key", "GET", "/api/v1/regions/360923/towns?year=2020&sort=" + enc("code; DROP TABLE x--"),
        400, "sort must be one of"));
    cases.add(http("http: <script> as format", "GET", REFERENCE + "?format=" + enc("<script>"), 400, "format must be"));
    cases.add(http("http: absolute URI of another host", "GET", "http://evil.example/api/v1/towns/360923105/reports/2020",
        400, "could not be read"));
    cases.add(http("http: DELETE a report", "DELETE", REFERENCE, 405, "method DELETE is not allowed"));
    cases.add(http("http: publish without tokens configured", "POST", "/api/v1/towns/360923105/events", 403,
        "publishing over HTTP is disabled"));

    // -- HTTP: years and codes
    cases.add(http("http: year 0000", "GET", "/api/v1/towns/360923105/reports/0000", 404, "reports exist from 2019"));
    cases.add(http("http: year 9999", "GET", "/api/v1/towns/360923105/reports/9999", 404, "has not begun"));
    cases.add(http("http: year -1", "GET", "/api/v1/towns/360923105/reports/-1", 400, "year must be a 4-digit year"));
    cases.add(http("http: year 20200", "GET", "/api/v1/towns/360923105/reports/20200", 400, "year must be a 4-digit year"));
    cases.add(http("http: year 2020.5", "GET", "/api/v1/towns/360923105/reports/2020.5", 400, "year must be a 4-digit year"));
    cases.add(http("http: year 99999999999", "GET", "/api/v1/regions/36/reports/99999999999", 400, "year must be a 4-digit year"));
    cases.add(http("http: year=99999999999 in the query", "GET", "/api/v1/regions/360923/towns?year=99999999999", 400,
        "year must be a 4-digit year"));
    cases.add(http("http: unicode digits town ３６０９２３１０５", "GET", "/api/v1/towns/" + enc("３６０９２３１０５") + "/reports/2020",
        400, "town must be a 9-digit town code"));
    cases.add(http("http: unicode digits year ２０２０", "GET", "/api/v1/towns/360923105/reports/" + enc("２０２０"), 400,
        "year must be a 4-digit year"));
    cases.add(new Case("http: Accept header of only separators", () -> {
      RawHttp.Answer answer = RawHttp.send(RunningApp.get().port(), "GET", REFERENCE, Map.of("Accept", ";;;,,,;q=;"), null, null);
      assertEquals(200, answer.status(), "an Accept header with no media type is no Accept header: " + answer);
      assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
    }));
    cases.add(new Case("http: 20 KB header", () -> {
      RawHttp.Answer answer = RawHttp.send(RunningApp.get().port(), "GET", REFERENCE, Map.of("X-Junk", "j".repeat(20_000)), null, null);
      assertJsonError(answer, 431, "headers are larger");
    }));

    // -- HTTP: the publish route of an instance with tokens (a recording publisher behind it)
    cases.add(events("http publish: body is not UTF-8", new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}', '\n'}, 400,
        "not UTF-8"));
    cases.add(events("http publish: malformed and truncated lines",
        ("{\"type\":\"year.closed\",\"eventId\":\"x\",\"town\":\"650102002\",\"year\":2020.5}\n"
            + "{\"type\":\"request.received\",\"eventId\":\"y\",\"town\":\"65010\n"
            + "DROP TABLE events;\n").getBytes(StandardCharsets.UTF_8), 400, "3 problem(s)",
        "line 1: year must be a JSON integer", "line 2: not valid JSON", "line 3: not valid JSON"));
    cases.add(events("http publish: 1 MB eventId",
        ("{\"type\":\"year.closed\",\"eventId\":\"" + "i".repeat(1024 * 1024) + "\",\"town\":\"650102002\",\"year\":2020}\n")
            .getBytes(StandardCharsets.UTF_8), 400, "problem", "line 1: eventId \"iiii"));
    cases.add(events("http publish: 9 MB body", new byte[9 * 1024 * 1024], 413, "larger than 8 MiB"));

    // -- publish (the command, in-process)
    cases.add(publish("publish: malformed JSON on line 2",
        "{\"type\":\"year.closed\",\"eventId\":\"a\",\"town\":\"650102002\",\"year\":2020}\n{\"type\":\n", "line 2: not valid JSON"));
    cases.add(publish("publish: truncated line",
        "{\"type\":\"request.received\",\"eventId\":\"a\",\"town\":\"6501020", "line 1: not valid JSON"));
    cases.add(publish("publish: year 2020.5", closedLine("2020.5"), "line 1: year must be a JSON integer, got number 2020.5"));
    cases.add(publish("publish: year 99999999999", closedLine("99999999999"),
        "line 1: year 99999999999 is not between 2008 and 9999"));
    cases.add(publish("publish: year -1", closedLine("-1"), "line 1: year -1 is not between 2008 and 9999"));
    cases.add(publish("publish: year 0000 (not a JSON number)", closedLine("0000"), "line 1: not valid JSON"));
    cases.add(publish("publish: amountYuan of 30 digits",
        "{\"type\":\"procurement.awarded\",\"eventId\":\"a\",\"town\":\"650102002\",\"projectId\":\"P\","
            + "\"date\":\"2021-05-01\",\"amountYuan\":\"" + "9".repeat(30) + "\"}\n", "line 1: amountYuan", "more than 15 integer digits"));
    cases.add(publish("publish: unicode digits town",
        "{\"type\":\"year.closed\",\"eventId\":\"a\",\"town\":\"３６０９２３１０５\",\"year\":2020}\n",
        "line 1: town \"３６０９２３１０５\" is not a 9-digit town code"));
    cases.add(publish("publish: control character in eventId",
        "{\"type\":\"year.closed\",\"eventId\":\"a\\u0007b\",\"town\":\"650102002\",\"year\":2020}\n", "line 1: eventId",
        "contains a control character"));
    cases.add(publish("publish: 1 MB id",
        "{\"type\":\"year.closed\",\"eventId\":\"" + "x".repeat(1024 * 1024) + "\",\"town\":\"650102002\",\"year\":2020}\n",
        "line 1: eventId", "is longer than 200 characters"));
    cases.add(publish("publish: <script> as type",
        "{\"type\":\"<script>alert(1)</script>\",\"eventId\":\"a\",\"town\":\"650102002\"}\n",
        "line 1: type \"<script>alert(1)</script>\" is not one of"));
    cases.add(publish("publish: SQL as applicant",
        "{\"type\":\"request.received\",\"eventId\":\"a\",\"town\":\"650102002\",\"requestId\":\"R\",\"date\":\"2021-01-05\","
            + "\"applicant\":\"natural_person' OR 1=1 --\"}\n", "line 1: applicant \"natural_person' OR 1=1 --\" is not one of"));
    cases.add(publish("publish: date 2021-02-30",
        "{\"type\":\"request.received\",\"eventId\":\"a\",\"town\":\"650102002\",\"requestId\":\"R\",\"date\":\"2021-02-30\","
            + "\"applicant\":\"natural_person\"}\n", "line 1: date \"2021-02-30\" does not exist"));
    cases.add(new Case("publish: not UTF-8 on line 2", () -> {
      Path file = tmp.resolve("latin1.jsonl");
      Files.write(file, concat(closedLine("2020").getBytes(StandardCharsets.UTF_8), new byte[] {'{', (byte) 0xE9, '}', '\n'}));
      assertPublishRefused(file, "line 2: not UTF-8 text");
    }));
    return cases;
  }

  // ---------------------------------------------------------------- Kafka cases

  private static Case kafka(String name, String topic, String key, byte[] value, String reason, String fragment) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    record.headers().add(CASE_HEADER, name.getBytes(StandardCharsets.UTF_8));
    TO_PRODUCE.add(record);
    return new Case(name, () -> {
      assertFalse(SEND_FAILURES.containsKey(name), () -> "the broker took it: " + SEND_FAILURES.get(name));
      ConsumerRecord<String, byte[]> letter = awaitLetter(name);
      assertEquals(reason, header(letter, EventLedger.H_REASON), () -> "reason; message: " + header(letter, EventLedger.H_MESSAGE));
      assertTrue(header(letter, EventLedger.H_MESSAGE).contains(fragment),
          () -> "the message says what: " + shorten(header(letter, EventLedger.H_MESSAGE)));
      assertEquals(topic, header(letter, EventLedger.H_TOPIC), "where from");
      assertNotNull(header(letter, EventLedger.H_OFFSET), "which offset");
      assertEquals(key, letter.key(), "the original key");
      assertArrayEquals(value, letter.value(), "the original bytes");
    });
  }

  private static Case refusedByBroker(String name, String topic, String key, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    record.headers().add(CASE_HEADER, name.getBytes(StandardCharsets.UTF_8));
    TO_PRODUCE.add(record);
    return new Case(name, () -> assertInstanceOf(RecordTooLargeException.class, SEND_FAILURES.get(name),
        "the broker refuses a record above its message.max.bytes"));
  }

  private static ConsumerRecord<String, byte[]> awaitLetter(String name) {
    Instant deadline = Instant.now().plus(LETTER_TIMEOUT);
    while (!LETTERS.containsKey(name) && Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, byte[]> letter : deadLetters.poll(Duration.ofMillis(200))) {
        Header header = letter.headers().lastHeader(CASE_HEADER);
        if (header != null) {
          LETTERS.put(new String(header.value(), StandardCharsets.UTF_8), letter);
        }
      }
    }
    ConsumerRecord<String, byte[]> letter = LETTERS.get(name);
    assertNotNull(letter, "a dead letter within " + LETTER_TIMEOUT);
    return letter;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** An event as a publisher puts it on the events topic: its family record in the envelope. */
  private static byte[] encode(SpecificRecord record) {
    return Topics.EVENTS.encode(new org.gongkai.events.TownEvent(record));
  }

  private static RequestEvent receipt(String eventId, String town, String requestId, LocalDate date) {
    return RequestEvent.newBuilder().setEventId(eventId).setTown(town).setRequestId(requestId).setDate(date)
        .setChange(new RequestReceived(Applicant.natural_person)).build();
  }

  private static RequestEvent conclusion(String eventId, String requestId, LocalDate date) {
    return RequestEvent.newBuilder().setEventId(eventId).setTown(HOSTILE_TOWN).setRequestId(requestId).setDate(date)
        .setChange(new RequestConcluded(Outcome.granted)).build();
  }

  /** Avro's long encoding: zig-zag, then 7 bits a byte. */
  private static byte[] zigZagVarint(long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while ((zigzag & ~0x7FL) != 0) {
      out.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.write((int) zigzag);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  // ---------------------------------------------------------------- HTTP cases

  private static Case http(String name, String method, String target, int status, String fragment) {
    return new Case(name, () -> assertJsonError(
        RawHttp.send(RunningApp.get().port(), method, target, Map.of(), null, null), status, fragment));
  }

  private static Case events(String name, byte[] body, int status, String... fragments) {
    return new Case(name, () -> {
      RawHttp.Answer answer = RawHttp.send(front.port(), "POST", "/api/v1/towns/" + HOSTILE_TOWN + "/events",
          Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/x-ndjson"), body, null);
      assertJsonError(answer, status, fragments[0]);
      List<String> errors = new ArrayList<>();
      JSON.readTree(answer.body()).path("errors").forEach(error -> errors.add(error.asText()));
      for (String fragment : Arrays.copyOfRange(fragments, 1, fragments.length)) {
        assertTrue(errors.stream().anyMatch(error -> error.startsWith(fragment)),
            () -> "the answer lists \"" + fragment + "\": " + errors);
      }
    });
  }

  static void assertJsonError(RawHttp.Answer answer, int status, String fragment) throws IOException {
    assertEquals(status, answer.status(), () -> "status of " + answer);
    assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("application/json"),
        () -> "JSON, not " + answer.header("Content-Type") + ": " + answer);
    JsonNode body = JSON.readTree(answer.body());
    assertEquals(status, body.path("status").asInt(), "status in the body");
    String message = body.path("message").asText();
    assertTrue(message.contains(fragment), () -> "the message says what and where: " + shorten(message));
    assertFalse(answer.text().contains("Exception") || answer.text().contains("at org."), "no stack trace: " + answer);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---------------------------------------------------------------- publish cases

  private static String closedLine(String year) {
    return "{\"type\":\"year.closed\",\"eventId\":\"a\",\"town\":\"650102002\",\"year\":" + year + "}\n";
  }

  private static Case publish(String name, String content, String... fragments) {
    return new Case(name, () -> {
      Path file = tmp.resolve(name.replaceAll("[^A-Za-z0-9]+", "_") + ".jsonl");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      assertPublishRefused(file, fragments);
    });
  }

  private static void assertPublishRefused(Path file, String... fragments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--bootstrap-servers", SharedBroker.bootstrapServers(), file.toString());
    String errors = err.toString();
    assertEquals(1, exit, () -> "exit code; stderr: " + shorten(errors));
    assertTrue(errors.startsWith(file + ": line "), () -> "each problem names the file and line: " + shorten(errors));
    for (String fragment : fragments) {
      assertTrue(errors.contains(fragment), () -> "stderr says \"" + fragment + "\": " + shorten(errors));
    }
    assertTrue(errors.contains("nothing was published"), errors);
    assertFalse(errors.contains("Exception") || errors.contains("\tat "), () -> "no stack trace: " + shorten(errors));
    assertEquals("", out.toString(), "nothing on stdout");
  }

  private static String shorten(String text) {
    return text == null || text.length() <= 400 ? text : text.substring(0, 400) + "…";
  }
}
