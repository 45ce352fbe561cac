package org.gongkai.api.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.api.broker.TopicSetup;
import org.gongkai.events.TownEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.state.YearTally;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.StreamsSettings;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.tally.TallyKey;

/**
 * The Kafka side of a drill: a broker of its own, the publisher, consumer lag, the dead letters
 * and the tallies as the changelog holds them, and the comparison of every served report with
 * the true figures.
 *
 * <p>Why a broker of its own and not {@code SharedBroker}: every Gongkai application on a
 * cluster reads all the input topics and writes the one {@code gongkai.dead-letters} topic.
 * Another application on the shared broker ({@code RunningApp} stays up until the test JVM
 * exits) would process the drill's events too and add its dead letters to the drill's, and one
 * with the default application id would share the drill app's group and tasks. The drill app
 * runs with the default application id, as {@code run} does ({@code run} has no option for
 * another).
 */
public final class Drill implements AutoCloseable {
  public static final String GROUP = StreamsSettings.APPLICATION_ID;
  public static final String TALLY_CHANGELOG = GROUP + "-" + StoreNames.TALLIES + "-changelog";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOWN_PATH = Pattern.compile("/towns/(\\d{9})/");

  final Path root;
  private final EmbeddedBroker broker;
  private final Admin admin;
  private final KafkaReads reads;
  private final KafkaProducer<String, byte[]> producer;
  /**
   * Record timestamps: publication order, one millisecond apart, the order in which the streams
   * try to take a task's records from its topics (the producer's clock gives many records the
   * same millisecond).
   */
  private final long firstTimestamp = System.currentTimeMillis();
  private int published;
  private boolean passed;

  private Drill(Path root) {
    this.root = root;
    this.broker = EmbeddedBroker.start(root.resolve("broker"));
    TopicSetup.ensure(broker.bootstrapServers(), Topics.allNames(), 6, (short) 1);
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    this.reads = new KafkaReads(broker.bootstrapServers(), Map.of(), admin);
    awaitLeaders();
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Waits until every partition of the new topics has its leader: a producer that starts
   * before can see NOT_LEADER_OR_FOLLOWER and then get stuck on OUT_OF_ORDER_SEQUENCE_NUMBER.
   */
  private void awaitLeaders() {
    Instant deadline = Instant.now().plusSeconds(60);
    try {
      while (admin.describeTopics(Topics.allNames()).allTopicNames().get().values().stream()
          .flatMap(t -> t.partitions().stream()).anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the drill's topics have no leaders after 60 s");
        }
        Thread.sleep(100);
      }
      Thread.sleep(500);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the drill's topics", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A broker of its own under {@code target/tmp/<name>-…}. */
  static Drill start(String name) throws IOException {
    return new Drill(Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), name + "-"));
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  int published() {
    return published;
  }

  // ------------------------------------------------------------------ publishing

  /** Produces the events, keyed as given, and waits until the broker has them all. */
  void publish(List<Oracle.Event> events) throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    for (Oracle.Event event : events) {
      sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS.name(), null, firstTimestamp + published++,
          event.key(), encode(event.value()))));
    }
    producer.flush();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the broker refused an event", e.getCause());
      }
    }
  }

  /** An event as publishers put it on the events topic: its family record in the envelope. */
  public static byte[] encode(SpecificRecord value) {
    return Topics.EVENTS.encode(new TownEvent(value));
  }

  // ------------------------------------------------------------------ the app's group

  /** What the app still has to process over its source topics (see {@link KafkaReads#lag()}). */
  long lag() throws InterruptedException {
    return reads.lag();
  }

  /** Waits until the app has processed everything published, its region rollup included, and answers. */
  Duration awaitCaughtUp(AppProcess app, Duration timeout) throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    long lag = -1;
    while (Instant.now().isBefore(deadline)) {
      if (!app.alive()) {
        throw new IllegalStateException("the app died\n" + app.logTail());
      }
      lag = lag();
      if (lag == 0 && app.healthy()) {
        return Duration.between(start, Instant.now());
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("lag still " + lag + " after " + timeout + "\n" + app.logTail());
  }

  /**
   * Removes the killed instance from the group. Without this the restarted instance waits for
   * the dead member's session to time out (45 s) before it gets its tasks back; an operator
   * would do the same ({@code kafka-consumer-groups --delete … } needs an empty group, this not).
   */
  void removeDeadMembers() throws InterruptedException {
    try {
      admin.removeMembersFromConsumerGroup(GROUP, new RemoveMembersFromConsumerGroupOptions()).all().get();
    } catch (ExecutionException e) {
      // no member (killed before it joined) or no group yet: nothing to remove
    }
  }

  // ------------------------------------------------------------------ what Kafka holds

  List<KafkaReads.DeadLetter> deadLetters(IsolationLevel isolation) {
    return reads.deadLetters(isolation);
  }

  Map<String, YearTally> tallies() {
    return reads.tallies();
  }

  // ------------------------------------------------------------------ verdict

  /**
   * Checks everything the app serves and everything Kafka holds against the true figures, and
   * fails with the differences. The figures found are added to {@code figures}.
   */
  void verify(AppProcess app, DrillHistory history, Map<String, Object> figures) throws InterruptedException {
    Instant start = Instant.now();
    DrillHistory.Truth truth = history.truth();
    List<String> differences = compareReports(app, history, truth, figures);
    figures.put("reports compared in", Duration.between(start, Instant.now()));
    if (!differences.isEmpty()) {
      Path report = explain(history, truth, differences);
      throw new AssertionError("served reports differ from the oracle, " + summary(differences)
          + "the differing towns' events with the oracle's verdicts: " + report.toAbsolutePath());
    }
    figures.put("figures match the oracle", "every town and region report of " + DrillHistory.FIRST_YEAR + "–"
        + DrillHistory.LAST_YEAR);
    List<String> problems = account(history, truth, figures);
    if (!problems.isEmpty()) {
      throw new AssertionError("events not accounted for exactly once: " + summary(problems));
    }
  }

  /**
   * Writes the differences and, for the first towns they name, every event of the town in
   * publication order with the oracle's verdict, to {@code differences.txt} in the drill's folder.
   */
  private Path explain(DrillHistory history, DrillHistory.Truth truth, List<String> differences) {
    Path file = root.resolve("differences.txt");
    StringBuilder out = new StringBuilder(differences.size() + " differences\n");
    differences.forEach(d -> out.append(d).append('\n'));
    Set<String> towns = new LinkedHashSet<>();
    for (String d : differences) {
      Matcher m = TOWN_PATH.matcher(d);
      if (m.find() && towns.size() < 8) {
        towns.add(m.group(1));
      }
    }
    List<Oracle.Decision> decisions = truth.oracle.decisions();
    for (String town : towns) {
      out.append("\n=== ").append(town).append('\n');
      for (int i = 0; i < history.events.size(); i++) {
        Oracle.Event event = history.events.get(i);
        if (town.equals(event.key()) || event.value().toString().contains(town)) {
          out.append('#').append(i).append(' ').append(event).append("\n    oracle: ").append(decisions.get(i))
              .append('\n');
        }
      }
    }
    try {
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Every published event is counted once: in a town tally as accepted or duplicate, or as a
   * dead letter (rejected events, counted in a tally or not, are dead letters). Returns the
   * problems found; also checks the dead letters against the oracle's rejections one by one,
   * that no source record became two dead letters, and the pre-2019 tallies (not served over
   * HTTP) against the oracle's counts.
   */
  List<String> account(DrillHistory history, DrillHistory.Truth truth, Map<String, Object> figures) {
    List<String> problems = new ArrayList<>();
    long accepted = 0;
    long duplicates = 0;
    long rejectedInTallies = 0;
    for (var entry : tallies().entrySet()) {
      String code = entry.getKey().substring(0, entry.getKey().indexOf('|'));
      if (code.length() != 9) {
        continue;
      }
      if (!history.towns.contains(code)) {
        problems.add("a tally of a town outside the drill: " + entry.getKey());
        continue;
      }
      YearTally tally = entry.getValue();
      accepted += tally.getAccepted();
      duplicates += tally.getDuplicates();
      rejectedInTallies += tally.getRejected();
      int year = TallyKey.year(entry.getKey());
      if (year < DrillHistory.FIRST_YEAR) {
        Map<String, Object> expected = truth.oracle.report(code, year);
        List<Long> got = List.of(tally.getAccepted(), tally.getDuplicates(), tally.getRejected(), tally.getLate());
        List<Object> want = List.of(expected.get("events.accepted"), expected.get("events.duplicates"),
            expected.get("events.rejected"), expected.get("events.late"));
        if (!got.equals(want)) {
          problems.add("tally " + entry.getKey() + " accepted/duplicates/rejected/late " + got + ", oracle " + want);
        }
      }
    }
    List<KafkaReads.DeadLetter> letters = deadLetters(IsolationLevel.READ_COMMITTED);
    List<KafkaReads.DeadLetter> ours = letters.stream().filter(l -> l.eventId() != null && l.eventId().startsWith(history.prefix))
        .toList();
    long uncommitted = deadLetters(IsolationLevel.READ_UNCOMMITTED).size();
    Map<String, Integer> byEventId = new TreeMap<>();
    Set<String> sources = new HashSet<>();
    for (KafkaReads.DeadLetter letter : ours) {
      byEventId.merge(letter.eventId(), 1, Integer::sum);
      if (!sources.add(letter.source())) {
        problems.add("the event at " + letter.source() + " (" + letter.eventId() + ") is a dead letter twice");
      }
    }
    Map<String, Integer> expected = truth.rejectedEventIds();
    if (!byEventId.equals(expected)) {
      List<String> differ = new ArrayList<>();
      Set<String> ids = new TreeSet<>(expected.keySet());
      ids.addAll(byEventId.keySet());
      for (String id : ids) {
        if (!Objects.equals(expected.get(id), byEventId.get(id))) {
          differ.add(id + ": dead letters " + byEventId.getOrDefault(id, 0) + ", oracle rejects "
              + expected.getOrDefault(id, 0));
        }
      }
      problems.add(differ.size() + " eventIds whose dead letters differ from the oracle's rejections, e.g. "
          + differ.subList(0, Math.min(10, differ.size())));
    }
    long published = history.events.size();
    long counted = accepted + duplicates + ours.size();
    if (counted != published) {
      problems.add("accepted " + accepted + " + duplicates " + duplicates + " + dead letters " + ours.size()
          + " = " + counted + ", published " + published);
    }
    if (letters.size() != ours.size()) {
      problems.add((letters.size() - ours.size()) + " dead letters that are not this drill's events");
    }
    figures.put("accepted + duplicates + dead letters", accepted + " + " + duplicates + " + " + ours.size()
        + " = " + counted + " (published " + published + ")");
    figures.put("rejected in town tallies", rejectedInTallies);
    figures.put("dead letters of aborted transactions (read_uncommitted sees them)", uncommitted - letters.size());
    return problems;
  }

  // ------------------------------------------------------------------ served reports

  /**
   * Asks the app for every town's and region's report of every year, once, and compares each
   * with the truth: 404 where there is none, else the same tables, status and event counts
   * (and for regions, towns and finalTowns). Two requests at a time.
   */
  public static List<String> compareReports(AppProcess app, DrillHistory history, DrillHistory.Truth truth,
      Map<String, Object> figures) throws InterruptedException {
    List<String> differences = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> asked = new ArrayList<>();
    try {
      for (int year = DrillHistory.FIRST_YEAR; year <= DrillHistory.LAST_YEAR; year++) {
        int t = year;
        Map<String, Map<String, Object>> regionReports = truth.regionReports(t);
        for (String town : history.towns) {
          asked.add(pool.submit(() -> {
            String path = "/api/v1/towns/" + town + "/reports/" + t;
            compare(path, answer(app, path), truth.townReport(town, t), false, differences);
            return null;
          }));
        }
        for (String region : history.regions()) {
          asked.add(pool.submit(() -> {
            String path = "/api/v1/regions/" + region + "/reports/" + t;
            compare(path, answer(app, path), regionReports.get(region), true, differences);
            return null;
          }));
        }
      }
      for (Future<?> f : asked) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("asking the app failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    figures.put("reports compared", (long) asked.size());
    return differences;
  }

  private static void compare(String path, HttpResponse<String> response, Map<String, Object> expected, boolean region,
      List<String> differences) {
    if (expected == null) {
      if (response.statusCode() != 404) {
        differences.add(path + ": " + response.statusCode() + ", expected 404 (no events up to that year)");
      }
      return;
    }
    if (response.statusCode() != 200) {
      differences.add(path + ": " + response.statusCode() + " " + response.body());
      return;
    }
    Map<String, Object> served;
    try {
      served = flat(JSON.readTree(response.body()), region);
    } catch (IOException e) {
      differences.add(path + ": unreadable JSON " + e.getMessage());
      return;
    }
    List<String> found = new ArrayList<>();
    for (var cell : expected.entrySet()) {
      Object got = served.get(cell.getKey());
      if (!cell.getValue().equals(got)) {
        found.add(path + " " + cell.getKey() + ": served " + got + ", oracle " + cell.getValue());
      }
    }
    for (String cell : served.keySet()) {
      if (!expected.containsKey(cell)) {
        found.add(path + " " + cell + ": served " + served.get(cell) + ", oracle has no such cell");
      }
    }
    if (found.isEmpty() && !new ArrayList<>(served.keySet()).equals(new ArrayList<>(expected.keySet()))) {
      found.add(path + ": cells in another order: " + served.keySet());
    }
    differences.addAll(found);
  }

  /** The answer; a 503 (stores restoring or rebalancing) or 429 (rate limit) is asked again for a while. */
  private static HttpResponse<String> answer(AppProcess app, String path) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        HttpResponse<String> response = app.get(path);
        if ((response.statusCode() != 503 && response.statusCode() != 429) || Instant.now().isAfter(deadline)) {
          return response;
        }
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new UncheckedIOException(e);
        }
      }
      Thread.sleep(200);
    }
  }

  /** A served report as the oracle's flat map: {@code section.row.column} → Long or String. */
  public static Map<String, Object> flat(JsonNode report, boolean region) {
    Map<String, Object> cells = new LinkedHashMap<>();
    cells.put("year", report.path("year").asLong());
    cells.put("template", report.path("template").asText());
    cells.put("status", report.path("status").asText());
    if (region) {
      cells.put("towns", report.path("towns").asLong());
      cells.put("finalTowns", report.path("finalTowns").asLong());
    }
    report.path("proactive").properties().forEach(row -> row.getValue().properties().forEach(column ->
        cells.put("proactive." + row.getKey() + "." + column.getKey(),
            column.getValue().isNumber() ? (Object) column.getValue().asLong() : column.getValue().asText())));
    report.path("requests").path("rows").properties().forEach(row -> row.getValue().properties().forEach(column ->
        cells.put("requests." + row.getKey() + "." + column.getKey(), column.getValue().asLong())));
    report.path("appeals").properties().forEach(block -> block.getValue().properties().forEach(column ->
        cells.put("appeals." + block.getKey() + "." + column.getKey(), column.getValue().asLong())));
    for (String count : List.of("accepted", "duplicates", "rejected", "late")) {
      cells.put("events." + count, report.path("events").path(count).asLong());
    }
    return cells;
  }

  /** The first few differences, one a line, and how many there are in all. */
  public static String summary(Collection<String> differences) {
    StringBuilder out = new StringBuilder(differences.size() + " differences:\n");
    differences.stream().limit(40).forEach(d -> out.append("  ").append(d).append('\n'));
    return out.toString();
  }

  /** The drill passed: its broker data and the app's data dir and log can go. */
  void passed() {
    passed = true;
  }

  /** Stops the broker; removes the drill's files if it passed, else keeps them for a look. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(10));
    broker.close();
    if (!passed || Boolean.getBoolean("crash.keep")) {
      System.out.println("drill files kept in " + root.toAbsolutePath());
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for mvn clean
    }
  }
}
