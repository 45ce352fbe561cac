package org.gongkai.api.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gongkai.api.cli.PublishCommand;
import org.gongkai.api.crash.AppProcess;
import org.gongkai.api.crash.Drill;
import org.gongkai.api.crash.DrillHistory;
import org.gongkai.api.crash.KafkaReads;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.Topics;
import org.gongkai.state.YearTally;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The production topology of docker-compose.yml as processes, and the faults Kafka's own
 * broker-bounce system tests do to it, under load. Three KRaft nodes (broker and controller in
 * one JVM each) configured from the compose file's settings, SASL/SCRAM with the ACLs of
 * kafka-init, two Gongkai instances with the compose file's settings (replication 3, a standby
 * of every store), and two town systems publishing a generated history with their own
 * credentials while brokers, the controller and an instance are killed.
 *
 * <p>Checked: every event a publisher was told was acknowledged is in Kafka, once, where Kafka
 * said, and counted once (accepted + duplicates + rejected = acknowledged); every town and region
 * report equals the oracle's at the end; no report served at any poll had a figure above the
 * oracle's or one that a later poll took back; with two brokers down (below min.insync.replicas)
 * no event is acknowledged, {@code publish} and the HTTP route fail within their bounds with a
 * clear message; {@code /health} names the part that is down; the surviving instance serves
 * every report after the other is killed. Figures printed.
 *
 * <p>The reduced run (about 3,000 events; a partition leader killed, two brokers down at once,
 * an instance killed while a broker is down) is part of {@code mvn -B verify} ({@code
 * -Dgongkai.cluster=skip} leaves it out). The full run (30,000 events and
 * every fault: two partition leaders, the active controller, two brokers at once, an instance
 * with a broker down, a broker's disk lost, a rolling bounce of all three; README "Cluster drill"):
 * {@code mvn -B -pl api -am verify -Dtest=ClusterFaultTest -Dgongkai.cluster=full -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@code -Dcluster.events=N}, {@code -Dcluster.seed=S}; {@code -Dcluster.keep=true} keeps the files.
 */
class ClusterFaultTest {
  private static final Path ROOT = Path.of("..");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Towns whose systems publish (their credentials); outside the history's provinces. */
  private static final List<String> PUBLISHER_TOWNS = List.of("360923105", "650102002");
  /** The town of the probes sent while publishing cannot succeed. */
  private static final String PROBE_TOWN = "650102002";
  private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]*}");
  private static final String EVENTS = Topics.EVENTS.name();

  private final List<String> faults = new ArrayList<>();
  /** What /health answered during the faults. */
  private final List<String> healthSeen = new ArrayList<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();

  @Test
  void shouldCountEveryAcknowledgedEventOnceAndServeTrueFiguresThroughBrokerControllerAndInstanceFaults()
      throws Exception {
    String run = System.getProperty("gongkai.cluster", "reduced");
    Assumptions.assumeFalse("skip".equals(run), "-Dgongkai.cluster=skip: the cluster drill left out");
    boolean full = "full".equals(run);
    int minEvents = Integer.getInteger("cluster.events", full ? 30_000 : 3_000);
    long seed = Long.getLong("cluster.seed", 20261203L);
    Instant began = Instant.now();
    Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp")), "cluster-");
    ComposeFile compose = ComposeFile.read(ROOT.resolve("docker-compose.yml"));
    Map<String, String> secrets = new HashMap<>();
    for (String name : List.of("KAFKA_ADMIN_PASSWORD", "GONGKAI_KAFKA_PASSWORD", "GONGKAI_CLUSTER_SECRET")) {
      secrets.put(name, secret());
    }
    Map<String, String> passwords = new HashMap<>(Map.of("gongkai", secrets.get("GONGKAI_KAFKA_PASSWORD")));
    PUBLISHER_TOWNS.forEach(town -> passwords.put("publisher-" + town, secret()));
    String token = secret();
    Path tokens = Files.writeString(root.resolve("publisher-tokens"), PROBE_TOWN + " " + PublisherTokens.sha256Hex(token) + "\n");

    String prefix = "cluster" + Long.toString(System.currentTimeMillis(), 36) + "-";
    DrillHistory history = DrillHistory.generate(DivisionRegistry.load(), 1 + seed % 100_000, minEvents, seed, prefix);
    DrillHistory.Truth truth = history.truth();
    Set<String> keys = history.events.stream().map(Oracle.Event::key).collect(Collectors.toSet());
    assertTrue(!keys.contains(PROBE_TOWN), "the probe town is outside the history");

    List<AppProcess> apps = new ArrayList<>();
    List<LoadPublisher> publishers = new ArrayList<>();
    KafkaCluster cluster = KafkaCluster.start(compose, root, secrets.get("KAFKA_ADMIN_PASSWORD"));
    Thread cleanup = new Thread(() -> stopAll(cluster, apps), "cluster-test-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    boolean passed = false;
    try {
      figures.put("cluster up in", Duration.between(began, Instant.now()));
      cluster.init(passwords, readmeSecurity(), PUBLISHER_TOWNS);
      for (String service : List.of("gongkai-1", "gongkai-2")) {
        apps.add(new AppProcess(cluster.bootstrapServers(), root.resolve(service), appEnvironment(compose, service, secrets, tokens)));
      }
      for (AppProcess app : apps) {
        app.start();
      }
      for (AppProcess app : apps) {
        app.awaitHealthy(Duration.ofMinutes(4));
      }
      figures.put("instances healthy after", Duration.between(began, Instant.now()));
      AppProcess first = apps.get(0);
      AppProcess second = apps.get(1);

      ReportWatch watch = new ReportWatch(watched(history, truth));
      apps.forEach(watch::up);
      Thread watcher = new Thread(watch, "report-watch");
      watcher.setDaemon(true);

      double seconds = full ? 420 : 70;
      double rate = Double.parseDouble(System.getProperty("cluster.rate", String.valueOf(history.events.size() / seconds / 2)));
      List<List<Oracle.Event>> shares = List.of(new ArrayList<>(), new ArrayList<>());
      history.events.forEach(e -> shares.get(Math.floorMod(e.key().hashCode(), 2)).add(e));
      List<Thread> sending = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String user = "publisher-" + PUBLISHER_TOWNS.get(i);
        LoadPublisher publisher = new LoadPublisher(cluster.bootstrapServers(),
            KafkaSecurity.scram(user, passwords.get(user)).clientProperties(), user, shares.get(i), rate);
        publishers.add(publisher);
        Thread thread = new Thread(publisher, user);
        thread.setDaemon(true);
        sending.add(thread);
      }
      sending.forEach(Thread::start);
      watcher.start();
      Thread.sleep(3_000);

      // ---------------------------------------------------------------- faults under load
      int leader = cluster.leaderOf(EVENTS, 0);
      bounce(cluster, "SIGKILL the leader of " + EVENTS + "-0", cluster.node(leader), true, Duration.ofSeconds(3));
      if (full) {
        int other = otherLeader(cluster, leader);
        bounce(cluster, "SIGKILL the leader of another partition of " + EVENTS + ", another broker",
            cluster.node(other), true, Duration.ofSeconds(5));
        int controller = cluster.activeController();
        bounce(cluster, "SIGKILL the active controller", cluster.node(controller), true, Duration.ofSeconds(5));
      }
      belowMinInsync(cluster, apps, publishers, token, passwords);
      instanceWithBrokerDown(cluster, watch, first, second, history);
      if (full) {
        lostDisk(cluster, cluster.nodes.get(2));
        for (KafkaNode node : cluster.nodes) {
          bounce(cluster, "rolling bounce (SIGTERM, controlled shutdown)", node, false, Duration.ZERO);
        }
      }

      // ---------------------------------------------------------------- the rest, then the verdict
      publishers.forEach(LoadPublisher::unthrottle);
      Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
      while (!publishers.stream().allMatch(LoadPublisher::done) && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
      for (LoadPublisher publisher : publishers) {
        assertEquals(List.of(), publisher.failures(), publisher.user + ": events Kafka did not take");
        assertEquals(publisher.events().size(), publisher.acknowledged(), publisher.user + ": events acknowledged");
      }
      KafkaReads reads = new KafkaReads(cluster.bootstrapServers(), cluster.adminProperties(), cluster.admin());
      Instant catching = Instant.now();
      awaitCaughtUp(reads, apps, Duration.ofMinutes(10));
      figures.put("caught up after the last fault in", Duration.between(catching, Instant.now()));
      Thread.sleep(2_000);
      watch.stop();
      watcher.join(60_000);

      long acknowledged = publishers.stream().mapToLong(LoadPublisher::acknowledged).sum();
      figures.put("faults injected", (long) faults.size());
      figures.put("events acknowledged", acknowledged);
      List<String> problems = new ArrayList<>(inKafkaOnce(reads, publishers, keys));
      problems.addAll(countedOnce(reads, history, truth, acknowledged));
      long compared = 0;
      for (AppProcess app : full ? apps : List.of(first)) {
        Map<String, Object> found = new LinkedHashMap<>();
        List<String> differences = Drill.compareReports(app, history, truth, found);
        compared += (Long) found.get("reports compared");
        if (!differences.isEmpty()) {
          problems.add("instance on port " + app.port() + ": served reports differ from the oracle, "
              + Drill.summary(differences));
        }
      }
      figures.put("reports compared with the oracle", compared);
      figures.putAll(watch.figures());
      watch.violations().stream().limit(40).forEach(v -> problems.add("served during the faults: " + v));
      figures.put("elapsed", Duration.between(began, Instant.now()));
      System.out.println("cluster drill (" + (full ? "full" : "reduced") + ", seed " + seed + "):");
      faults.forEach(f -> System.out.println("  fault: " + f));
      healthSeen.forEach(h -> System.out.println("  /health " + h));
      figures.forEach((name, value) -> System.out.println("  " + name + ": " + value));
      assertEquals(List.of(), problems, "the cluster drill found problems");
      passed = true;
    } finally {
      publishers.forEach(LoadPublisher::close);
      stopAll(cluster, apps);
      Runtime.getRuntime().removeShutdownHook(cleanup);
      if (passed && !Boolean.getBoolean("cluster.keep")) {
        delete(root);
      } else {
        System.out.println("cluster drill files kept in " + root.toAbsolutePath());
      }
    }
  }

  // ------------------------------------------------------------------ faults

  /** A fault done, with the time it ended (to place the watch's figures among the faults). */
  private void fault(String what) {
    faults.add("[ended " + Instant.now() + "] " + what);
  }

  /** Kills (SIGKILL) or stops (SIGTERM) a node, keeps it down, restarts it and waits until every replica is in sync. */
  private void bounce(KafkaCluster cluster, String what, KafkaNode node, boolean hard, Duration down) throws Exception {
    Instant start = Instant.now();
    if (hard) {
      node.kill();
    } else {
      node.stop();
    }
    Thread.sleep(down.toMillis());
    Instant restarted = Instant.now();
    node.start();
    Duration back = cluster.awaitCaughtUp(node, Duration.ofMinutes(5));
    cluster.awaitInSync(Duration.ofMinutes(5));
    fault(String.format("%s: %s, down %d ms, then serving with all its replicas in its log dir %d ms after its restart",
        what, node, Duration.between(start, restarted).toMillis(), back.toMillis()));
  }

  /**
   * A broker's disk lost: SIGKILL, its data dir deleted and formatted again (README "Backups, and a
   * lost broker disk"), restarted; it copies every partition and the metadata log from the others.
   */
  private void lostDisk(KafkaCluster cluster, KafkaNode node) throws Exception {
    Instant start = Instant.now();
    node.kill();
    cluster.replaceDisk(node);
    node.start();
    Duration back = cluster.awaitCaughtUp(node, Duration.ofMinutes(5));
    cluster.awaitInSync(Duration.ofMinutes(5));
    fault(String.format("lost disk: %s SIGKILLed, its data deleted and formatted again, restarted: serving "
        + "with all its replicas copied back from the others %d ms after its restart (%d ms in all)", node,
        back.toMillis(), Duration.between(start, Instant.now()).toMillis()));
  }

  /** A node other than {@code not} that leads a partition of the events topic (else any other node). */
  private static int otherLeader(KafkaCluster cluster, int not) throws Exception {
    for (var p : cluster.describe(EVENTS).partitions()) {
      if (p.leader() != null && p.leader().id() != not) {
        return p.leader().id();
      }
    }
    return cluster.nodes.stream().mapToInt(n -> n.id).filter(id -> id != not).findFirst().orElseThrow();
  }

  /**
   * Two brokers SIGKILLed at once: one replica of three is left, below min.insync.replicas (and
   * the controller quorum has lost its majority). No event may be acknowledged; {@code publish} and
   * the HTTP route must fail within their bounds, saying so; /health must name Kafka. Then both back.
   */
  private void belowMinInsync(KafkaCluster cluster, List<AppProcess> apps, List<LoadPublisher> publishers, String token,
      Map<String, String> passwords) throws Exception {
    List<KafkaNode> victims = cluster.nodes.subList(0, 2);
    Instant start = Instant.now();
    CompletableFuture<?>[] kills = victims.stream().map(n -> CompletableFuture.runAsync(() -> {
      try {
        n.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    })).toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(kills).get();
    long windowFrom = System.currentTimeMillis() + 1_000;

    Path probe = Files.writeString(Files.createTempFile("probe", ".jsonl"),
        "{\"type\":\"request.received\",\"eventId\":\"probe-cli\",\"town\":\"" + PROBE_TOWN + "\",\"requestId\":\"P-1\","
            + "\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}\n", StandardCharsets.UTF_8);
    String user = "publisher-" + PROBE_TOWN;
    CompletableFuture<String[]> cli = CompletableFuture.supplyAsync(() -> {
      Instant at = Instant.now();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
          "--bootstrap-servers", cluster.bootstrapServers(), "--kafka-security-protocol", "SASL_PLAINTEXT",
          "--kafka-username", user, "--kafka-password", passwords.get(user), "--no-wait", probe.toString());
      return new String[] {String.valueOf(exit), err.toString().trim(), String.valueOf(Duration.between(at, Instant.now()).toMillis())};
    });
    CompletableFuture<HttpResponse<String>> http = CompletableFuture.supplyAsync(() -> {
      try {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + apps.get(0).port() + "/api/v1/towns/"
                + PROBE_TOWN + "/events")).timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"request.received\",\"eventId\":\"probe-http\",\"town\":\""
                + PROBE_TOWN + "\",\"requestId\":\"P-2\",\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}\n"))
            .build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Instant httpAsked = Instant.now();
    Thread.sleep(8_000);
    List<String> health = new ArrayList<>();
    for (AppProcess app : apps) {
      HttpResponse<String> answer = app.get("/health");
      health.add(answer.statusCode() + " " + answer.body());
    }
    String[] published = cli.get();
    HttpResponse<String> route = http.get();
    long httpMillis = Duration.between(httpAsked, Instant.now()).toMillis();
    long windowTo = System.currentTimeMillis();
    long acked = publishers.stream().mapToLong(p -> p.acksBetween(windowFrom, windowTo)).sum();
    for (KafkaNode node : victims) {
      node.start();
    }
    Duration inSync = Duration.ZERO;
    for (KafkaNode node : victims) {
      inSync = cluster.awaitCaughtUp(node, Duration.ofMinutes(5));
    }
    cluster.awaitInSync(Duration.ofMinutes(5));
    fault(String.format("two brokers SIGKILLed at once (%s; one replica left, min.insync.replicas 2, controller "
            + "quorum lost): down %d ms (until both answered again); events acknowledged meanwhile %d; publish exit %s after %s ms: \"%s\"; "
            + "HTTP publish %d (Retry-After %s) after ≤ %d ms: %s; both serving with all their replicas %d ms after the restart",
        victims, Duration.between(start, Instant.now()).minus(inSync).toMillis(), acked, published[0], published[2],
        published[1], route.statusCode(), route.headers().firstValue("Retry-After").orElse("none"), httpMillis,
        route.body(), inSync.toMillis()));
    healthSeen.add("with two brokers down: " + health);
    assertEquals(0, acked, "events acknowledged with one replica of three (below min.insync.replicas)");
    assertEquals("2", published[0], "publish with two brokers down must exit 2 (not published): " + published[1]);
    assertTrue(published[1].startsWith("cannot publish: ") && published[1].contains("within"), published[1]);
    assertEquals(503, route.statusCode(), route.body());
    assertTrue(route.headers().firstValue("Retry-After").isPresent(), "503 of the publish route carries Retry-After");
    assertTrue(route.body().contains("Kafka did not take the events"), route.body());
    for (String answer : health) {
      assertTrue(answer.contains("\"kafka: "), "/health names Kafka as the part that is down: " + answer);
    }
  }

  /**
   * A broker SIGKILLed, then an instance SIGKILLed while it is down: the other takes over its
   * partitions from its standbys. Measures how long until it serves every watched report and every
   * region of the last year again; /health says what is down meanwhile. Then both come back.
   */
  private void instanceWithBrokerDown(KafkaCluster cluster, ReportWatch watch, AppProcess survivor, AppProcess victim,
      DrillHistory history) throws Exception {
    KafkaNode broker = cluster.node(cluster.leaderOf(EVENTS, 1));
    Instant start = Instant.now();
    broker.kill();
    Thread.sleep(2_000);
    watch.down(victim);
    victim.kill();
    Instant killed = Instant.now();
    List<String> paths = new ArrayList<>();
    history.regions().forEach(r -> paths.add("/api/v1/regions/" + r + "/reports/" + DrillHistory.LAST_YEAR));
    history.towns.stream().limit(40).forEach(t -> paths.add("/api/v1/towns/" + t + "/reports/" + DrillHistory.LAST_YEAR));
    String healthWhileDown = null;
    Duration servesAll = null;
    while (Duration.between(killed, Instant.now()).compareTo(Duration.ofMinutes(3)) < 0) {
      boolean all = true;
      for (String path : paths) {
        int status = survivor.get(path).statusCode();
        if (status != 200 && status != 404) {
          all = false;
          break;
        }
      }
      if (all && survivor.healthy()) {
        servesAll = Duration.between(killed, Instant.now());
        break;
      }
      if (healthWhileDown == null) {
        HttpResponse<String> health = survivor.get("/health");
        if (health.statusCode() != 200) {
          healthWhileDown = health.statusCode() + " " + health.body();
        }
      }
      Thread.sleep(100);
    }
    assertTrue(servesAll != null, "the surviving instance does not serve every report 3 minutes after the other died\n"
        + survivor.logTail());
    broker.start();
    Duration inSync = cluster.awaitCaughtUp(broker, Duration.ofMinutes(5));
    cluster.awaitInSync(Duration.ofMinutes(5));
    victim.start();
    victim.awaitHealthy(Duration.ofMinutes(4));
    watch.up(victim);
    figures.put("fail-over: the surviving instance serves every report after", servesAll);
    fault(String.format("%s SIGKILLed, then a Gongkai instance SIGKILLed while it was down: the other served "
            + "all %d reports checked (every region of %d, 40 towns) %d ms after the kill; broker serving with all its replicas %d ms "
            + "after its restart; instance healthy again %d ms after the fault began",
        broker, paths.size(), DrillHistory.LAST_YEAR, servesAll.toMillis(), inSync.toMillis(),
        Duration.between(start, Instant.now()).toMillis()));
    healthSeen.add("of the survivor during the take-over: " + healthWhileDown);
  }

  // ------------------------------------------------------------------ the verdict

  /**
   * Every acknowledged event is in the events topic at the partition and offset Kafka gave,
   * byte for byte, and the topic holds the history's events exactly once each (no copy from a
   * retry, none lost).
   */
  private List<String> inKafkaOnce(KafkaReads reads, List<LoadPublisher> publishers, Set<String> keys) {
    List<String> problems = new ArrayList<>();
    Map<String, ConsumerRecord<String, byte[]>> log = new HashMap<>();
    long ours = 0;
    for (ConsumerRecord<String, byte[]> record : reads.readAll(EVENTS, IsolationLevel.READ_UNCOMMITTED,
        new ByteArrayDeserializer())) {
      log.put(record.partition() + "@" + record.offset(), record);
      if (keys.contains(record.key())) {
        ours++;
      }
    }
    long acked = 0;
    for (LoadPublisher publisher : publishers) {
      for (int i = 0; i < publisher.events().size(); i++) {
        LoadPublisher.Ack ack = publisher.ack(i);
        if (ack == null) {
          continue;
        }
        acked++;
        ConsumerRecord<String, byte[]> record = log.get(ack.partition() + "@" + ack.offset());
        Oracle.Event event = publisher.events().get(i);
        if (record == null || !Objects.equals(record.key(), event.key())
            || !Arrays.equals(record.value(), Drill.encode(event.value()))) {
          problems.add("acknowledged event " + DrillHistory.eventId(event.value()) + " is not at " + EVENTS + "-"
              + ack.partition() + "@" + ack.offset());
        }
      }
    }
    if (ours != acked) {
      problems.add(EVENTS + " holds " + ours + " records of the history's towns, " + acked + " were acknowledged");
    }
    figures.put("records of the history in " + EVENTS, ours + " (acknowledged " + acked + ")");
    return problems;
  }

  /**
   * Counted once: the town tallies' accepted and duplicates, and the dead letters (every rejected
   * event is one), add up to the events acknowledged; the dead letters are the oracle's rejections
   * one by one, none twice.
   */
  private List<String> countedOnce(KafkaReads reads, DrillHistory history, DrillHistory.Truth truth, long acknowledged) {
    List<String> problems = new ArrayList<>();
    long accepted = 0;
    long duplicates = 0;
    for (Map.Entry<String, YearTally> entry : reads.tallies().entrySet()) {
      String code = entry.getKey().substring(0, entry.getKey().indexOf('|'));
      if (code.length() == 9 && history.towns.contains(code)) {
        accepted += entry.getValue().getAccepted();
        duplicates += entry.getValue().getDuplicates();
      }
    }
    Map<String, Integer> rejected = new TreeMap<>();
    Set<String> sources = new HashSet<>();
    for (KafkaReads.DeadLetter letter : reads.deadLetters(IsolationLevel.READ_COMMITTED)) {
      if (letter.eventId() == null || !letter.eventId().startsWith(history.prefix)) {
        continue;
      }
      rejected.merge(letter.eventId(), 1, Integer::sum);
      if (!sources.add(letter.source())) {
        problems.add("the event at " + letter.source() + " is a dead letter twice");
      }
    }
    long deadLetters = rejected.values().stream().mapToLong(Integer::longValue).sum();
    if (!rejected.equals(truth.rejectedEventIds())) {
      problems.add("dead letters differ from the oracle's rejections: " + rejected.size() + " eventIds, oracle "
          + truth.rejectedEventIds().size());
    }
    long counted = accepted + duplicates + deadLetters;
    if (counted != acknowledged) {
      problems.add("accepted " + accepted + " + duplicates " + duplicates + " + rejected " + deadLetters + " = "
          + counted + ", acknowledged " + acknowledged);
    }
    figures.put("events counted (accepted + duplicates + rejected)", accepted + " + " + duplicates + " + "
        + deadLetters + " = " + counted);
    return problems;
  }

  private static void awaitCaughtUp(KafkaReads reads, List<AppProcess> apps, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    long lag = -1;
    while (Instant.now().isBefore(deadline)) {
      lag = reads.lag();
      if (lag == 0 && apps.stream().allMatch(ClusterFaultTest::healthy)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("lag still " + lag + " after " + timeout + "\n" + apps.get(0).logTail());
  }

  private static boolean healthy(AppProcess app) {
    try {
      return app.healthy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ------------------------------------------------------------------ setup

  /** Watched reports: every region and 30 towns, of two years, with the oracle's final figures. */
  private static Map<String, Map<String, Object>> watched(DrillHistory history, DrillHistory.Truth truth) {
    Map<String, Map<String, Object>> finals = new LinkedHashMap<>();
    for (int year : new int[] {DrillHistory.FIRST_YEAR + 2, DrillHistory.LAST_YEAR}) {
      Map<String, Map<String, Object>> regions = truth.regionReports(year);
      history.regions().forEach(r -> finals.put("/api/v1/regions/" + r + "/reports/" + year, regions.get(r)));
      history.towns.stream().limit(30).forEach(t -> finals.put("/api/v1/towns/" + t + "/reports/" + year,
          truth.townReport(t, year)));
    }
    return finals;
  }

  /**
   * A Gongkai service's environment in docker-compose.yml, its required secrets (${NAME:?…})
   * filled in; the publisher tokens file added (compose leaves HTTP publishing off until given one).
   */
  private static Map<String, String> appEnvironment(ComposeFile compose, String service, Map<String, String> secrets,
      Path tokens) {
    Map<String, String> env = new LinkedHashMap<>();
    compose.environment(service).forEach((name, value) -> {
      Matcher m = REQUIRED.matcher(value);
      env.put(name, m.matches() ? Objects.requireNonNull(secrets.get(m.group(1)), m.group(1)) : value);
    });
    env.put("GONGKAI_PUBLISHER_TOKENS", tokens.toAbsolutePath().toString());
    return env;
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String readmeSecurity() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("## Security");
    assertTrue(start >= 0, "README.md has a ## Security section");
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return String.join("\n", lines.subList(start, end));
  }

  private static void stopAll(KafkaCluster cluster, List<AppProcess> apps) {
    for (AppProcess app : apps) {
      try {
        app.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      cluster.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void delete(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
