package org.gongkai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.api.broker.TopicSetup;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.TrustedPackages;
import org.gongkai.streams.StreamsSettings;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;

/**
 * The national benchmark, in one run on one embedded broker:
 *
 * <ol>
 *   <li>a synthetic national dataset (every town, 2024 and the start of 2025), produced as Avro
 *       bytes with the {@link Topics} serdes, after a short producer calibration;
 *   <li>anchors on the same broker and data: the raw ceiling (a plain consumer reading the input
 *       topic end to end) and the naive count ({@link NaiveCount}, a child JVM);
 *   <li>Gongkai (a child JVM) processing the preloaded topic until its consumer group has no lag;
 *   <li>freshness under a steady load; HTTP latency at a fixed request rate for town reports, a
 *       province report and a province's town list;
 *   <li>a clean restart on the same state folder, until a town report answers again;
 *   <li>restore: the state folder deleted and the app restarted, until it serves the reference
 *       report again with the same figures;
 *   <li>the app's live heap (class histogram), GC log figures and peak RSS (VmHWM);
 *   <li>with {@code --postgres}, the PostgreSQL anchor ({@link PostgresAnchor}).
 * </ol>
 *
 * Prints the figures, each of Gongkai's rates as a ratio to each anchor, and the targets
 * with PASS/MISS ({@link Targets}); adds the tables to {@code bench/results.md} and, with
 * {@code --json FILE}, writes every figure ({@link BenchFigures}).
 */
public final class NationalBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String REGION_PATH = "/api/v1/regions/36/reports/2024";
  static final String REGION_TOWNS_PATH = "/api/v1/regions/36/towns?year=2024";
  static final String REFERENCE_PATH = "/api/v1/towns/" + Towns.REFERENCE + "/reports/" + NationalDataset.YEAR;

  /** Options; {@code --name value}. */
  static final class Options {
    int towns = 0;
    long seed = 20240101L;
    boolean closures = true;
    int calibration = 300_000;
    int httpRate = 2000;
    int listRate = 200;
    int httpSeconds = 30;
    int warmupSeconds = 10;
    int freshRate = 5000;
    int freshSeconds = 30;
    int probes = 200;
    String appXmx = "2g";
    int streamThreads = 1;
    Path appJar;
    Path out = Path.of("bench", "results.md");
    Path workDir;
    boolean keep;
    boolean jfr;
    boolean profileOnly;
    boolean postgres;
    Path json;
    String label;
    String[] args;

    static Options parse(String[] args) {
      Options o = new Options();
      o.args = args;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help") || a.equals("-h")) {
          usage();
          System.exit(0);
        }
        if (a.equals("--keep")) {
          o.keep = true;
          continue;
        }
        if (a.equals("--jfr")) {
          o.jfr = true;
          continue;
        }
        if (a.equals("--profile-only")) {
          o.jfr = true;
          o.profileOnly = true;
          continue;
        }
        if (a.equals("--postgres")) {
          o.postgres = true;
          continue;
        }
        if (a.equals("--no-closures")) {
          o.closures = false;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--towns" -> o.towns = Integer.parseInt(v);
          case "--seed" -> o.seed = Long.parseLong(v);
          case "--calibration" -> o.calibration = Integer.parseInt(v);
          case "--http-rate" -> o.httpRate = Integer.parseInt(v);
          case "--list-rate" -> o.listRate = Integer.parseInt(v);
          case "--json" -> o.json = Path.of(v);
          case "--http-seconds" -> o.httpSeconds = Integer.parseInt(v);
          case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
          case "--fresh-rate" -> o.freshRate = Integer.parseInt(v);
          case "--fresh-seconds" -> o.freshSeconds = Integer.parseInt(v);
          case "--probes" -> o.probes = Integer.parseInt(v);
          case "--app-xmx" -> o.appXmx = v;
          case "--stream-threads" -> o.streamThreads = Integer.parseInt(v);
          case "--app-jar" -> o.appJar = Path.of(v);
          case "--out" -> o.out = Path.of(v);
          case "--work-dir" -> o.workDir = Path.of(v);
          case "--label" -> o.label = v;
          default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
        }
      }
      return o;
    }

    static void usage() {
      System.out.println("""
          java -Xmx3g -cp bench/target/gongkai-bench.jar org.gongkai.bench.NationalBenchmark [options]
            --towns N            towns to simulate, spread over the country (default: all 41,352)
            --seed S             dataset seed (default 20240101)
            --no-closures        no year.closed events for 2024
            --calibration N      events per producer calibration round, 0 to skip (default 300000)
            --http-rate R        requests/s of the town and province report phases (default 2000)
            --list-rate R        requests/s of the province town list phase (default 200)
            --http-seconds S     length of each measured HTTP phase (default 30)
            --warmup-seconds S   warm-up before the freshness and HTTP phases, not recorded (default 10)
            --fresh-rate R       events/s of the freshness load (default 5000)
            --fresh-seconds S    length of the freshness phase (default 30)
            --probes N           freshness probes (default 200)
            --app-xmx SIZE       -Xmx of the app JVM (default 2g)
            --stream-threads N   stream threads of the app and of the naive count (default 1, as the app's)
            --app-jar PATH       the app's jar (default api/target/gongkai.jar next to this jar)
            --jfr                record the processing phase with JFR (file under the work dir; implies --keep)
            --profile-only       --jfr, and stop after the processing phase (nothing added to the results)
            --out FILE           results markdown to add the run to (default bench/results.md)
            --json FILE          also write every figure and target verdict as JSON (see BenchFigures)
            --postgres           add the PostgreSQL anchor: a throwaway cluster (initdb/pg_ctl), the same
                                 events loaded with COPY, table 三 for every town and province in SQL
            --work-dir DIR       broker and app data (default: a new temp dir, deleted at the end)
            --keep               keep the work dir
            --label TEXT         a word for the results heading (default: full or quick)""");
    }
  }

  public static void main(String[] args) throws Exception {
    TrustedPackages.install();
    Options o = Options.parse(args);
    if (o.jfr) {
      o.keep = true;
    }
    new NationalBenchmark(o).run();
    System.exit(0);
  }

  private final Options o;
  private final Map<String, String[]> rows = new LinkedHashMap<>();
  private final BenchFigures figures = new BenchFigures();
  private final Map<String, String> targetNotes = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final HttpClient http = FixedRateHttp.client();

  private NationalBenchmark(Options o) {
    this.o = o;
  }

  private void row(String measure, String result, String target) {
    rows.put(measure, new String[] {result, target});
    System.out.printf(Locale.ROOT, "  %-44s %s%s%n", measure, result, target.isEmpty() ? "" : "   [target " + target + "]");
  }

  private static void phase(String name) {
    System.out.println();
    System.out.println("== " + name + " (" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " UTC)");
  }

  private void run() throws Exception {
    ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    String loadAtStart = CpuMeter.loadAverage();
    Path appJar = o.appJar != null ? o.appJar : defaultAppJar();
    if (!Files.isRegularFile(appJar)) {
      throw new IllegalStateException("the app jar " + appJar + " is missing; build it with mvn -B -q package -DskipTests");
    }
    Path work = o.workDir != null ? Files.createDirectories(o.workDir) : Files.createTempDirectory("gongkai-bench");
    Path logs = Files.createDirectories(work.resolve("logs"));
    System.out.println("Gongkai national benchmark; work dir " + work + ", app jar " + appJar);

    // ------------------------------------------------------------------ dataset
    phase("dataset");
    DivisionRegistry registry = DivisionRegistry.load();
    List<String> all = Towns.all(registry);
    List<String> towns = Towns.sample(all, o.towns);
    boolean national = towns.size() == all.size();
    String label = o.label != null ? o.label : national ? "full" : "quick";
    long t0 = System.nanoTime();
    NationalDataset data = NationalDataset.generate(towns, o.seed, o.closures);
    double genSeconds = seconds(t0);
    long total = data.events2024() + data.events2025();
    figures.put("towns", towns.size()).put("events", total).put("stream_threads", o.streamThreads);
    row("dataset", String.format(Locale.ROOT, "%s towns (of %s); %s events dated 2024 + %s in 2025 = %s (seed %d, generated in %.1f s)",
        n(towns.size()), n(all.size()), n(data.events2024()), n(data.events2025()), n(total), o.seed, genSeconds), "");
    StringBuilder mix = new StringBuilder();
    for (byte t = 0; t < NationalDataset.TYPES; t++) {
      mix.append(mix.length() == 0 ? "" : ", ").append(NationalDataset.TYPE_NAMES[t]).append(' ').append(n(data.count(t)));
    }
    row("dataset mix", mix + String.format(Locale.ROOT, "; %s of %s requests (%.1f%%) concluded in 2025; %s appeals decided in 2025",
        n(data.carriedRequests()), n(data.requests()), 100.0 * data.carriedRequests() / Math.max(1, data.requests()),
        n(data.pendingAppeals())), "");

    // ------------------------------------------------------------------ broker, calibration, preload
    phase("broker");
    t0 = System.nanoTime();
    EmbeddedBroker broker = EmbeddedBroker.start(Files.createDirectories(work.resolve("broker")));
    String bootstrap = broker.bootstrapServers();
    System.out.printf(Locale.ROOT, "  embedded KRaft broker at %s in %.1f s%n", bootstrap, seconds(t0));
    TopicSetup.ensure(bootstrap, Topics.allNames(), 6, (short) 1);
    AppProcess app = null;
    JsonNode referenceReport = null;
    try (Admin admin = KafkaBench.admin(bootstrap)) {
      KafkaBench.awaitLeaders(admin, Topics.allNames());
      KafkaBench.ProducerSettings chosen = KafkaBench.ProducerSettings.tuned("lz4");
      if (o.calibration > 0) {
        phase("producer calibration");
        chosen = calibrate(admin, bootstrap, data);
      }

      phase("preload");
      t0 = System.nanoTime();
      long bytes;
      try (KafkaBench.Loader loader = new KafkaBench.Loader(bootstrap, chosen).warm(List.of(Topics.EVENTS.name()))) {
        data.produce(false, loader::send);
        data.produce(true, loader::send);
        loader.finish();
        bytes = loader.bytes.get();
      }
      double loadSeconds = seconds(t0);
      row("preload (producer, " + chosen.name() + ")", String.format(Locale.ROOT, "%s events, %s MB in %.1f s: %s events/s",
          n(total), n(bytes >> 20), loadSeconds, n(total / loadSeconds)), "");

      // ------------------------------------------------------------------ anchor: raw ceiling
      phase("raw ceiling");
      List<TopicPartition> inputs = KafkaBench.partitions(admin, List.of(Topics.EVENTS.name()));
      Map<TopicPartition, Long> inputEnds = KafkaBench.endOffsets(admin, inputs, IsolationLevel.READ_UNCOMMITTED);
      if (KafkaBench.sum(inputEnds) != total) {
        throw new IllegalStateException("input topics hold " + KafkaBench.sum(inputEnds) + " records, produced " + total);
      }
      KafkaBench.Ceiling best = null;
      for (int pass = 1; pass <= 2; pass++) {
        KafkaBench.Ceiling c = KafkaBench.rawConsume(bootstrap, inputs, inputEnds);
        System.out.printf(Locale.ROOT, "  pass %d: %s records in %.2f s = %s records/s%n", pass, n(c.records()), c.seconds(), n(c.perSecond()));
        if (best == null || c.perSecond() > best.perSecond()) {
          best = c;
        }
      }
      double ceiling = best.perSecond();
      figures.put("raw_ceiling_per_s", ceiling);
      row("anchor: raw ceiling (plain consumer, byte[], " + inputs.size() + " partitions)", String.format(Locale.ROOT,
          "%s records/s (%s records, %s MB, best of 2 passes)", n(ceiling), n(best.records()), n(best.bytes() >> 20)), "");

      // ------------------------------------------------------------------ anchor: naive Kafka Streams count
      phase("naive count");
      double naiveRate = naiveCount(admin, bootstrap, work, logs, inputs, total);

      // ------------------------------------------------------------------ processing
      phase("processing");
      Path appData = Files.createDirectories(work.resolve("app"));
      int port = freePort();
      double benchCpu0 = AppProcess.cpuSeconds(ProcessHandle.current().pid());
      app = AppProcess.start(appJar, bootstrap, appData, port, o.appXmx, o.streamThreads, logs, "processing", o.jfr);
      CpuMeter.Snapshot cpuA = CpuMeter.take(app);
      System.out.println("  app pid " + app.pid() + " on :" + port + ", log " + app.appLog());
      Catchup catchup = awaitCaughtUp(admin, app, inputs, total, Duration.ofHours(3));
      double appCpu = app.cpuSeconds();
      CpuMeter.Snapshot cpuB = CpuMeter.take(app);
      double benchCpu = AppProcess.cpuSeconds(ProcessHandle.current().pid()) - benchCpu0;
      Path jfrFile = o.jfr ? app.dumpJfr() : null;
      AppProcess.Live liveAtCatchup = app.liveHeap(5);
      double rate = total / catchup.seconds;
      double steady = total / (catchup.seconds - catchup.firstCommitSeconds);
      figures.put("processing_s", catchup.seconds).put("processing_events_per_s", rate)
          .put("processing_after_first_commit_events_per_s", steady)
          .put("cpu_us_per_event", 1e6 * appCpu / total).put("cpu_cores_avg", appCpu / catchup.seconds)
          .put("ratio_to_raw_ceiling", rate / ceiling).put("ratio_to_naive_count", rate / naiveRate)
          .put("other_processes_cores_processing", CpuMeter.others(cpuA, cpuB));
      row("processing: launch → lag 0", String.format(Locale.ROOT,
          "%.1f s; %s events/s = %.3f of the raw ceiling, %.2f of the naive count (first commit after %.1f s; %s events/s after it)",
          catchup.seconds, n(rate), rate / ceiling, rate / naiveRate, catchup.firstCommitSeconds, n(steady)),
          "≥ naive count; ≥ 50,000/s national");
      row("processing: rate over time", catchup.timeline, "");
      row("processing: CPU", String.format(Locale.ROOT, "app %.0f CPU s (%.2f cores avg, %.0f µs/event); broker+bench JVM %.0f CPU s (%.2f cores); %s",
          appCpu, appCpu / catchup.seconds, 1e6 * appCpu / total, benchCpu, benchCpu / catchup.seconds,
          CpuMeter.othersNote(cpuA, cpuB)), "≤ 20 µs/event");
      long regionRecords = catchup.regionRecords;
      Map<TopicPartition, Long> dlq = KafkaBench.endOffsets(admin,
          KafkaBench.partitions(admin, List.of(Topics.DEAD_LETTERS.name())), IsolationLevel.READ_COMMITTED);
      if (liveAtCatchup != null) {
        figures.put("live_heap_mb", liveAtCatchup.bytes() / 1048576.0);
        row("processing: live heap when caught up (jcmd GC.class_histogram, after a full GC)", String.format(Locale.ROOT,
            "%s MB; largest: %s", n(liveAtCatchup.bytes() >> 20), String.join(", ", liveAtCatchup.top())), "≤ 1 GiB");
      }
      figures.put("dead_letters", KafkaBench.sum(dlq));
      row("processing: internal records, dead letters", String.format(Locale.ROOT,
          "%s repartition records (%.2f per event: a region's partials are kept in the town's own task); %s dead letters (end offsets incl. markers)",
          n(regionRecords), (double) regionRecords / total, n(KafkaBench.sum(dlq))), "");
      if (jfrFile != null) {
        notes.add("JFR recording of the processing phase: `" + jfrFile + "`");
        System.out.println("  JFR: " + jfrFile);
        System.out.println("  summary: java -cp " + Path.of(NationalBenchmark.class.getProtectionDomain().getCodeSource()
            .getLocation().toURI()) + " org.gongkai.bench.JfrTop " + jfrFile);
      }
      if (o.profileOnly) {
        app.stop();
        AppProcess.Heap heap = app.heap();
        figures.put("peak_rss_mb", app.peakRssKb() / 1024.0);
        System.out.printf(Locale.ROOT, "  app heap: %s; RSS %s MB%n", heapResult(heap), n(app.peakRssKb() >> 10));
        app = null;
        printTargets(national);
        writeJson(label, started, national);
        return;
      }

      // ------------------------------------------------------------------ sanity
      JsonNode reference = getJson(port, REFERENCE_PATH);
      JsonNode province = getJson(port, REGION_PATH);
      long jiangxi = towns.stream().filter(t -> t.startsWith("36")).count();
      System.out.println("  reference " + REFERENCE_PATH + ": accepted " + reference.path("events").path("accepted")
          + ", status " + reference.path("status") + "; province 36: towns " + province.path("towns") + " (expected " + jiangxi + ")");
      if (province.path("towns").asLong() != jiangxi) {
        notes.add("province 36 reports " + province.path("towns") + " towns, the dataset has " + jiangxi);
      }

      // ------------------------------------------------------------------ freshness
      phase("freshness");
      LocalDate today = LocalDate.now(EventChecks.CHINA);
      if (o.warmupSeconds > 0) {
        // The app has served no report yet and both JVMs have not compiled this phase's code:
        // the same load and probes first, not recorded, on towns the measured probes do not use.
        Set<String> measured = new HashSet<>(Freshness.probeTowns(towns, o.seed).subList(0, Math.min(o.probes, towns.size())));
        List<String> warmTowns = towns.stream().filter(t -> !measured.contains(t)).toList();
        int warmSeconds = Math.max(6, o.warmupSeconds);
        Freshness.Result warm = Freshness.run(bootstrap, http, port, warmTowns, o.freshRate,
            Duration.ofSeconds(warmSeconds), 20, o.seed + 100, 2025, today, "WARM-");
        figures.put("freshness_warmup_p99_ms", warm.p(99));
        row("freshness: warm-up, not recorded", String.format(Locale.ROOT,
            "%d s of the same load, %d probes on other towns: p50 %.0f ms, p99 %.0f ms, %d/%d seen",
            warmSeconds, warm.probes(), warm.p(50), warm.p(99), warm.seen(), warm.probes()), "");
        awaitCaughtUp(admin, app, inputs, -1, Duration.ofMinutes(30));
      }
      CpuMeter.Snapshot freshA = CpuMeter.take(app);
      LagSampler lagDuringLoad = new LagSampler(admin, inputs);
      Freshness.Result fresh;
      try {
        fresh = Freshness.run(bootstrap, http, port, towns, o.freshRate, Duration.ofSeconds(o.freshSeconds),
            o.probes, o.seed, 2025, today, "");
      } finally {
        lagDuringLoad.stop();
      }
      if (fresh.seen() > 0) {
        figures.put("freshness_p50_ms", fresh.p(50)).put("freshness_p99_ms", fresh.p(99))
            .put("freshness_max_ms", fresh.micros().getMaxValue() / 1000.0);
      }
      figures.put("freshness_probes_seen", fresh.seen()).put("freshness_load_per_s", fresh.loadSent() / Math.max(1e-9, fresh.loadSeconds()));
      if (o.freshRate != 5000) {
        targetNotes.put("freshness_p99_ms", "measured under " + n(o.freshRate) + " events/s");
      }
      if (fresh.seen() < fresh.probes()) {
        targetNotes.put("freshness_p99_ms", fresh.seen() + " of " + fresh.probes() + " probes seen; p99 over those");
      }
      row("freshness: produce → visible in town report", String.format(Locale.ROOT,
          "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d/%d probes seen within %d s; under %s events/s for %.0f s, %s; %s)",
          fresh.p(50), fresh.p(99), fresh.micros().getMaxValue() / 1000.0, fresh.seen(), fresh.probes(),
          Freshness.TIMEOUT.toSeconds(), n(fresh.loadSent() / Math.max(1e-9, fresh.loadSeconds())), fresh.loadSeconds(),
          fresh.loadSettings(), CpuMeter.othersNote(freshA, CpuMeter.take(app))), "p99 ≤ 1 s");
      row("freshness: app input lag during that phase", lagDuringLoad.summary(), "");
      if (!fresh.note().isEmpty()) {
        notes.add("freshness: " + fresh.note());
      }
      long drain = System.nanoTime();
      awaitCaughtUp(admin, app, inputs, -1, Duration.ofMinutes(30));
      System.out.printf(Locale.ROOT, "  caught up again %.1f s after the freshness phase%n", seconds(drain));

      // ------------------------------------------------------------------ HTTP
      phase("HTTP at a fixed rate");
      FixedRateHttp load = new FixedRateHttp(http);
      Random random = new Random(o.seed + 2);
      String base = "http://localhost:" + port;
      URI regionUri = URI.create(base + REGION_PATH);
      URI listUri = URI.create(base + REGION_TOWNS_PATH);
      List<URI> townUris = towns.stream().map(t -> URI.create(base + "/api/v1/towns/" + t + "/reports/2024")).toList();
      if (o.warmupSeconds > 0) {
        FixedRateHttp.Result warm = load.run(o.httpRate, Duration.ofSeconds(o.warmupSeconds),
            i -> i % 2 == 0 ? townUris.get(random.nextInt(townUris.size())) : regionUri);
        System.out.printf(Locale.ROOT, "  warm-up %d s (towns and province alternating): p50 %.2f ms, p99 %.2f ms, errors %d%n",
            o.warmupSeconds, warm.p(50), warm.p(99), warm.errors());
      }
      if (o.httpRate != 2000) {
        targetNotes.put("town_p99_ms", "measured at " + n(o.httpRate) + " req/s");
        targetNotes.put("province_p99_ms", "measured at " + n(o.httpRate) + " req/s");
      }
      CpuMeter.Snapshot httpA = CpuMeter.take(app);
      FixedRateHttp.Result townHttp = load.run(o.httpRate, Duration.ofSeconds(o.httpSeconds),
          i -> townUris.get(random.nextInt(townUris.size())));
      CpuMeter.Snapshot httpB = CpuMeter.take(app);
      httpFigures("town", townHttp);
      row("HTTP town report (random towns, 2024) at " + n(o.httpRate) + "/s", httpResult(townHttp)
          + "; " + CpuMeter.othersNote(httpA, httpB), "p99 ≤ 5 ms");
      FixedRateHttp.Result regionHttp = load.run(o.httpRate, Duration.ofSeconds(o.httpSeconds), i -> regionUri);
      CpuMeter.Snapshot httpC = CpuMeter.take(app);
      httpFigures("province", regionHttp);
      row("HTTP province report " + REGION_PATH + " at " + n(o.httpRate) + "/s", httpResult(regionHttp)
          + "; " + CpuMeter.othersNote(httpB, httpC), "p99 ≤ 5 ms");
      if (o.warmupSeconds > 0) {
        FixedRateHttp.Result warm = load.run(o.listRate, Duration.ofSeconds(Math.max(1, o.warmupSeconds / 2)), i -> listUri);
        System.out.printf(Locale.ROOT, "  warm-up of the town list: p50 %.2f ms, p99 %.2f ms, errors %d%n", warm.p(50), warm.p(99), warm.errors());
      }
      if (o.listRate != 200) {
        targetNotes.put("region_towns_p99_ms", "measured at " + n(o.listRate) + " req/s");
      }
      CpuMeter.Snapshot listA = CpuMeter.take(app);
      FixedRateHttp.Result listHttp = load.run(o.listRate, Duration.ofSeconds(o.httpSeconds), i -> listUri);
      httpFigures("region_towns", listHttp);
      row("HTTP province town list " + REGION_TOWNS_PATH + " (" + n(registry.townsIn("36").count()) + " towns) at "
          + n(o.listRate) + "/s", httpResult(listHttp) + "; " + CpuMeter.othersNote(listA, CpuMeter.take(app)), "p99 ≤ 50 ms");

      // ------------------------------------------------------------------ clean restart
      phase("clean restart");
      JsonNode before = getJson(port, REFERENCE_PATH);
      referenceReport = before;
      long rss1 = app.peakRssKb();
      app.stop();
      AppProcess.Heap heap1 = app.heap();
      int portR = freePort();
      AppProcess restarted = AppProcess.start(appJar, bootstrap, appData, portR, o.appXmx, o.streamThreads, logs, "restart", false);
      app = restarted;
      CpuMeter.Snapshot restartA = CpuMeter.take(restarted);
      Served back = awaitServed(restarted, portR, before, Duration.ofMinutes(30));
      figures.put("restart_s", back.firstOk() < 0 ? null : back.firstOk());
      row("restart: clean stop, same state dir → town report 200", back.firstOk() < 0 ? "NOT REACHED"
          : String.format(Locale.ROOT, "%.1f s from launch (HTTP up at %.1f s; the same reference report at %s); %s",
              back.firstOk(), back.firstAnswer(), back.same() < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", back.same()),
              CpuMeter.othersNote(restartA, CpuMeter.take(restarted))), "≤ 10 s");
      long rssR = restarted.peakRssKb();
      restarted.stop();

      // ------------------------------------------------------------------ restore
      phase("restore");
      Path state = appData.resolve("streams");
      long stateBytes = sizeOf(state);
      deleteTree(state);
      int port2 = freePort();
      AppProcess restored = AppProcess.start(appJar, bootstrap, appData, port2, o.appXmx, o.streamThreads, logs, "restore", false);
      app = restored;
      CpuMeter.Snapshot restoreA = CpuMeter.take(restored);
      Served again = awaitServed(restored, port2, before, Duration.ofMinutes(60));
      figures.put("restore_s", again.same() < 0 ? null : again.same()).put("state_dir_mb", stateBytes / 1048576.0);
      row("restore: state dir deleted → same reference report", again.same() < 0 ? "NOT REACHED (first 200 after " + again.firstOk() + " s)"
          : String.format(Locale.ROOT, "%.1f s from launch (HTTP up at %.1f s, first 200 at %.1f s; state dir was %s MB); %s",
              again.same(), again.firstAnswer(), again.firstOk(), n(stateBytes >> 20),
              CpuMeter.othersNote(restoreA, CpuMeter.take(restored))), "≤ 30 s");
      long rss2 = restored.peakRssKb();
      restored.stop();
      AppProcess.Heap heap2 = restored.heap();
      if (heap1.peakLiveMb() >= 0) {
        figures.put("gc_live_set_mb", heap1.peakLiveMb());
      }
      figures.put("peak_rss_mb", Math.max(rss1, Math.max(rssR, rss2)) / 1024.0);
      row("app peak heap (GC log, -Xmx" + o.appXmx + ")", heapResult(heap1) + "; restore run: " + heapResult(heap2), "");
      row("app peak RSS (VmHWM)", String.format(Locale.ROOT, "%s MB; restart run %s MB; restore run %s MB",
          n(rss1 >> 10), n(rssR >> 10), n(rss2 >> 10)), "≤ 1.5 GiB");
      app = null;
    } finally {
      if (app != null) {
        app.close();
      }
      broker.close();
    }

    // ------------------------------------------------------------------ anchor: PostgreSQL
    if (o.postgres) {
      phase("PostgreSQL");
      postgres(data, total, referenceReport);
    } else {
      notes.add("PostgreSQL anchor not run (add --postgres)");
    }
    double rate = figures.number("processing_events_per_s");
    StringBuilder ratios = new StringBuilder();
    for (String[] anchor : new String[][] {{"raw_ceiling_per_s", "raw ceiling", "ratio_to_raw_ceiling"},
        {"naive_count_per_s", "naive Streams count", "ratio_to_naive_count"},
        {"postgres_load_events_per_s", "PostgreSQL COPY + index", "ratio_to_postgres_load"},
        {"postgres_load_query_events_per_s", "PostgreSQL load + table 三 query", "ratio_to_postgres_load_query"}}) {
      Double a = figures.number(anchor[0]);
      if (a != null && a > 0) {
        figures.put(anchor[2], rate / a);
        ratios.append(ratios.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.3f× %s (%s events/s)", rate / a, anchor[1], n(a)));
      }
    }
    row("Gongkai processing (" + n(rate) + " events/s) against each anchor", ratios.toString(), "");

    // ------------------------------------------------------------------ results
    notes.add("load average (1, 5, 15 min) at start " + loadAtStart + ", at end " + CpuMeter.loadAverage()
        + "; \"other processes\" = whole-machine busy CPU (/proc/stat) minus the app and the benchmark JVM");
    List<Targets.Verdict> verdicts = printTargets(national);
    String markdown = markdown(label, started, towns.size(), verdicts);
    System.out.println();
    System.out.println(markdown);
    Path out = o.out.toAbsolutePath();
    String existing = Files.exists(out) ? Files.readString(out) : header();
    Files.createDirectories(out.getParent());
    Files.writeString(out, existing.stripTrailing() + "\n\n" + markdown);
    System.out.println("added to " + out);
    writeJson(label, started, national);
    if (!o.keep) {
      deleteTree(work);
    } else {
      System.out.println("kept " + work);
    }
  }

  /** Runs {@link NaiveCount} as a child JVM until its group has no lag; its events/s from launch. */
  private double naiveCount(Admin admin, String bootstrap, Path work, Path logs, List<TopicPartition> inputs, long total)
      throws Exception {
    Path state = Files.createDirectories(work.resolve("naive-count"));
    Path classpath = Path.of(System.getProperty("java.class.path"));
    AppProcess naive = AppProcess.launch(classpath, NaiveCount.class.getName(), List.of(bootstrap, state.toString(), Integer.toString(o.streamThreads)),
        o.appXmx, logs, "naive-count", false, -1, Map.of());
    try {
      CpuMeter.Snapshot a = CpuMeter.take(naive);
      GroupDone done = awaitGroupDone(admin, naive, NaiveCount.APPLICATION_ID, inputs, total, Duration.ofHours(1));
      double cpu = naive.cpuSeconds();
      double rate = total / done.seconds();
      figures.put("naive_count_s", done.seconds()).put("naive_count_per_s", rate)
          .put("naive_count_cpu_us_per_event", 1e6 * cpu / total);
      row("anchor: naive Kafka Streams count (exactly_once_v2, count per town into RocksDB, child JVM)", String.format(Locale.ROOT,
          "%.1f s launch → lag 0: %s events/s (first commit after %.1f s; %s events/s after it); %.0f CPU s, %.0f µs/event; %s",
          done.seconds(), n(rate), done.firstCommitSeconds(), n(total / (done.seconds() - done.firstCommitSeconds())),
          cpu, 1e6 * cpu / total, CpuMeter.othersNote(a, CpuMeter.take(naive))), "");
      return rate;
    } finally {
      naive.stop();
    }
  }

  record GroupDone(double seconds, double firstCommitSeconds) {}

  /** Polls the group's committed offsets until they are the input's end offsets (twice in a row). */
  private static GroupDone awaitGroupDone(Admin admin, AppProcess process, String group, List<TopicPartition> inputs,
      long total, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    double firstCommit = -1;
    int stable = 0;
    long lastReport = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new IllegalStateException(group + " exited; see " + process.appLog());
      }
      Map<TopicPartition, Long> committed = KafkaBench.committed(admin, group);
      long done = inputs.stream().mapToLong(tp -> committed.getOrDefault(tp, 0L)).sum();
      if (firstCommit < 0 && done > 0) {
        firstCommit = seconds(process.launchedNanos);
      }
      if (System.nanoTime() - lastReport >= TimeUnit.SECONDS.toNanos(10)) {
        System.out.printf(Locale.ROOT, "  %6.1f s  %s lag %s%n", seconds(process.launchedNanos), group, n(total - done));
        lastReport = System.nanoTime();
      }
      if (done >= total) {
        if (++stable >= 2) {
          return new GroupDone(seconds(process.launchedNanos), Math.max(0, firstCommit));
        }
      } else {
        stable = 0;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(group + " did not catch up within " + timeout);
  }

  /** When a restarted app first answered, first answered 200, and first gave the same reference report (-1: never). */
  record Served(double firstAnswer, double firstOk, double same) {}

  private Served awaitServed(AppProcess process, int port, JsonNode expected, Duration timeout) throws Exception {
    double firstOk = -1;
    double firstAnswer = -1;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.alive()) {
      HttpResponse<byte[]> r = tryGet(port, REFERENCE_PATH);
      if (r != null && firstAnswer < 0) {
        firstAnswer = seconds(process.launchedNanos);
      }
      if (r != null && r.statusCode() == 200) {
        double s = seconds(process.launchedNanos);
        if (firstOk < 0) {
          firstOk = s;
        }
        if (JSON.readTree(r.body()).equals(expected)) {
          return new Served(firstAnswer, firstOk, s);
        }
      }
      Thread.sleep(50);
    }
    return new Served(firstAnswer, firstOk, -1);
  }

  private void httpFigures(String prefix, FixedRateHttp.Result r) {
    figures.put(prefix + "_p50_ms", r.p(50)).put(prefix + "_p99_ms", r.p(99)).put(prefix + "_p999_ms", r.p(99.9))
        .put(prefix + "_errors", r.errors()).put(prefix + "_unanswered", r.unanswered())
        .put(prefix + "_served_per_s", (r.requests() - r.unanswered()) / r.seconds());
    if (r.unanswered() > 0) {
      targetNotes.merge(prefix + "_p99_ms", n(r.unanswered()) + " of " + n(r.requests())
          + " requests unanswered, not in the percentiles", (a, b) -> a + "; " + b);
    }
  }

  /** The PostgreSQL anchor, on a throwaway cluster, if the binaries are installed. */
  private void postgres(NationalDataset data, long total, JsonNode referenceReport) throws Exception {
    Optional<Path> bin = PostgresCluster.binaries();
    if (bin.isEmpty()) {
      row("anchor: PostgreSQL", "not run: no initdb and pg_ctl in /usr/lib/postgresql/*/bin, /usr/local/bin or /usr/bin "
          + "(apt-get install postgresql)", "");
      return;
    }
    PostgresAnchor.Result pg;
    CpuMeter.Snapshot a = CpuMeter.take(null);
    try (PostgresCluster cluster = PostgresCluster.start(bin.get(), freePort())) {
      System.out.println("  " + cluster.version + " on :" + cluster.port + " (binaries in " + bin.get() + ")");
      pg = PostgresAnchor.run(cluster, data, NationalDataset.YEAR, Towns.REFERENCE);
    }
    String others = CpuMeter.othersNote(a, CpuMeter.take(null));
    figures.put("postgres_version", pg.version())
        .put("postgres_copy_s", pg.copySeconds()).put("postgres_index_s", pg.indexSeconds())
        .put("postgres_load_s", pg.loadSeconds()).put("postgres_load_events_per_s", total / pg.loadSeconds())
        .put("postgres_query_s", pg.bestQuerySeconds()).put("postgres_first_query_s", pg.firstQuerySeconds())
        .put("postgres_load_query_events_per_s", total / (pg.loadSeconds() + pg.bestQuerySeconds()))
        .put("postgres_places", pg.places())
        .put("postgres_town_query_p50_ms", pg.townP(50)).put("postgres_town_query_p99_ms", pg.townP(99));
    row("anchor: PostgreSQL load (COPY of the decoded events, then index and ANALYZE)", String.format(Locale.ROOT,
        "%s rows: COPY %.1f s + index %.1f s = %.1f s, %s events/s (%s; default settings; %s, PostgreSQL's CPU included)",
        n(pg.rows()), pg.copySeconds(), pg.indexSeconds(), pg.loadSeconds(), n(total / pg.loadSeconds()), pg.version(), others), "");
    row("anchor: PostgreSQL table 三 for every town and province (one query)", String.format(Locale.ROOT,
        "%.2f s (first run %.2f s); %s places (%s towns with requests)",
        pg.bestQuerySeconds(), pg.firstQuerySeconds(), n(pg.places()), n(pg.townsWithRequests())), "");
    String same = "";
    if (referenceReport != null) {
      List<String> diff = PostgresAnchor.differences(pg.referenceTable(), referenceReport);
      figures.put("postgres_matches_gongkai", diff.isEmpty());
      same = diff.isEmpty() ? "; its table 三 equals Gongkai's report cell for cell"
          : "; DIFFERS from Gongkai's report: " + String.join(", ", diff.subList(0, Math.min(5, diff.size())));
    }
    Double town = figures.number("town_p50_ms");
    row("anchor: PostgreSQL one town's table 三 (" + Towns.REFERENCE + ", prepared, sequential)", String.format(Locale.ROOT,
        "p50 %.2f ms, p99 %.2f ms over %d queries%s%s", pg.townP(50), pg.townP(99), pg.townQueryMicros().getTotalCount(), same,
        town == null ? "" : String.format(Locale.ROOT, " (Gongkai's whole town report at %s/s: p50 %.2f ms)", n(o.httpRate), town)), "");
  }

  private List<Targets.Verdict> printTargets(boolean national) {
    List<Targets.Verdict> verdicts = Targets.judge(figures, national, targetNotes);
    phase("targets");
    for (Targets.Verdict v : verdicts) {
      System.out.printf(Locale.ROOT, "  %-12s %-62s %s%s%n", v.status(), v.target().text(), v.measuredText(),
          v.note().isEmpty() ? "" : " (" + v.note() + ")");
    }
    return verdicts;
  }

  private void writeJson(String label, ZonedDateTime started, boolean national) throws IOException, InterruptedException {
    if (o.json == null) {
      return;
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("started", started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    run.put("label", label);
    run.put("national_dataset", national);
    run.put("commit", gitCommit());
    run.put("machine", machine());
    run.put("command", command());
    run.put("notes", notes);
    figures.write(o.json, run, Targets.judge(figures, national, targetNotes));
    System.out.println("figures written to " + o.json.toAbsolutePath());
  }

  private String command() {
    return "java -Xmx3g -cp bench/target/gongkai-bench.jar org.gongkai.bench.NationalBenchmark"
        + (o.args.length == 0 ? "" : " " + String.join(" ", o.args));
  }

  private KafkaBench.ProducerSettings calibrate(Admin admin, String bootstrap, NationalDataset data) throws Exception {
    List<String> topics = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    data.produce(false, (topic, key, value) -> {
      topics.add(topic);
      keys.add(key);
      values.add(value);
    }, o.calibration);
    // The first round only warms up the JIT and the broker; it is not compared.
    List<KafkaBench.ProducerSettings> candidates = List.of(KafkaBench.ProducerSettings.tuned("lz4"),
        KafkaBench.ProducerSettings.DEFAULTS, KafkaBench.ProducerSettings.tuned("none"),
        KafkaBench.ProducerSettings.tuned("lz4"));
    KafkaBench.ProducerSettings best = null;
    double bestRate = 0;
    StringBuilder summary = new StringBuilder();
    for (int round = 0; round < candidates.size(); round++) {
      KafkaBench.ProducerSettings s = candidates.get(round);
      String prefix = "bench.calibration-" + round + "-";
      List<NewTopic> scratch = List.of(Topics.EVENTS.name()).stream().map(t -> new NewTopic(prefix + t, 6, (short) 1)).toList();
      List<String> names = scratch.stream().map(NewTopic::name).toList();
      admin.createTopics(scratch).all().get(60, TimeUnit.SECONDS);
      KafkaBench.awaitLeaders(admin, names);
      double r;
      try (KafkaBench.Loader loader = new KafkaBench.Loader(bootstrap, s).warm(names)) {
        long t0 = System.nanoTime();
        for (int i = 0; i < keys.size(); i++) {
          loader.send(prefix + topics.get(i), keys.get(i), values.get(i));
        }
        loader.finish();
        r = keys.size() / seconds(t0);
      }
      admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
      System.out.printf(Locale.ROOT, "  %-45s %s events/s%s%n", s.name(), n(r), round == 0 ? " (warm-up, not compared)" : "");
      if (round == 0) {
        continue;
      }
      summary.append(summary.length() == 0 ? "" : "; ").append(s.name()).append(": ").append(n(r)).append("/s");
      if (s != KafkaBench.ProducerSettings.DEFAULTS && r > bestRate) {
        best = s;
        bestRate = r;
      }
    }
    row("producer calibration (" + n(keys.size()) + " events each)", summary + " → " + best.name(), "");
    return best;
  }

  /** How long the app took to drain its input, and how it went. */
  record Catchup(double seconds, double firstCommitSeconds, long regionRecords, String timeline) {}

  /**
   * Polls the consumer group of the app until every input partition's committed offset is its
   * end offset, and every region-delta partition's is within one of its last stable offset (the
   * app writes that topic in transactions, and the last commit marker may stay unread).
   */
  private Catchup awaitCaughtUp(Admin admin, AppProcess app, List<TopicPartition> inputs, long total, Duration timeout)
      throws Exception {
    List<TopicPartition> regions = rollupPartitions(admin);
    long start = app.launchedNanos;
    long deadline = System.nanoTime() + timeout.toNanos();
    double firstCommit = -1;
    long lastReport = System.nanoTime();
    long lastDone = 0;
    double minWindow = Double.MAX_VALUE;
    double maxWindow = 0;
    List<String> windows = new ArrayList<>();
    int stable = 0;
    while (System.nanoTime() < deadline) {
      if (!app.alive()) {
        throw new IllegalStateException("the app exited; see " + app.appLog());
      }
      if (regions.isEmpty()) {
        regions = rollupPartitions(admin);
      }
      Map<TopicPartition, Long> committed = KafkaBench.committed(admin, StreamsSettings.APPLICATION_ID);
      Map<TopicPartition, Long> inputEnds = KafkaBench.endOffsets(admin, inputs, IsolationLevel.READ_UNCOMMITTED);
      Map<TopicPartition, Long> regionEnds = KafkaBench.endOffsets(admin, regions, IsolationLevel.READ_COMMITTED);
      long done = 0;
      long inputLag = 0;
      for (TopicPartition tp : inputs) {
        long c = committed.getOrDefault(tp, 0L);
        done += c;
        inputLag += Math.max(0, inputEnds.get(tp) - c);
      }
      boolean regionsDone = true;
      long regionLag = 0;
      for (TopicPartition tp : regions) {
        long lag = Math.max(0, regionEnds.get(tp) - committed.getOrDefault(tp, 0L));
        regionLag += lag;
        regionsDone &= lag <= 1;
      }
      if (firstCommit < 0 && done > 0) {
        firstCommit = seconds(start);
      }
      long now = System.nanoTime();
      if (now - lastReport >= TimeUnit.SECONDS.toNanos(10)) {
        double windowRate = (done - lastDone) / ((now - lastReport) / 1e9);
        if (total > 0 && done > 0 && inputLag > 0) {
          minWindow = Math.min(minWindow, windowRate);
          maxWindow = Math.max(maxWindow, windowRate);
          windows.add(String.format(Locale.ROOT, "%.0f%%:%s", 100.0 * done / total, n(windowRate)));
        }
        System.out.printf(Locale.ROOT, "  %6.1f s  input lag %s  repartition lag %s  last 10 s %s events/s  app RSS %s MB%n",
            seconds(start), n(inputLag), n(regionLag), n(windowRate), n(app.peakRssKb() >> 10));
        lastReport = now;
        lastDone = done;
      }
      if (inputLag == 0 && regionsDone) {
        if (++stable >= 2) {
          double s = seconds(start);
          String timeline = windows.isEmpty() ? "" : String.format(Locale.ROOT,
              "10-s windows: min %s, max %s events/s; by progress %s", n(minWindow), n(maxWindow), sample(windows, 8));
          return new Catchup(s, Math.max(0, firstCommit), KafkaBench.sum(regionEnds), timeline);
        }
      } else {
        stable = 0;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the app did not catch up within " + timeout);
  }

  /**
   * The topic(s) that carry town tally changes to the region rollup: {@code gongkai.region-deltas}
   * in the topology that writes it as a sink, or the streams' own repartition topic
   * ({@code gongkai-…-repartition}) in the one that re-keys a stream; whichever the app has.
   */
  static List<TopicPartition> rollupPartitions(Admin admin) throws Exception {
    List<String> names = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
        .filter(t -> t.equals("gongkai.region-deltas")
            || (t.startsWith(StreamsSettings.APPLICATION_ID + "-") && t.endsWith("-repartition")))
        .toList();
    return names.isEmpty() ? List.of() : KafkaBench.partitions(admin, names);
  }

  /** Samples the app's input lag twice a second in the background. */
  private static final class LagSampler {
    private final Thread thread;
    private volatile boolean stop;
    private long max;
    private long sum;
    private int samples;
    private long last;

    LagSampler(Admin admin, List<TopicPartition> inputs) {
      thread = new Thread(() -> {
        while (!stop) {
          try {
            Map<TopicPartition, Long> committed = KafkaBench.committed(admin, StreamsSettings.APPLICATION_ID);
            Map<TopicPartition, Long> ends = KafkaBench.endOffsets(admin, inputs, IsolationLevel.READ_UNCOMMITTED);
            long lag = 0;
            for (TopicPartition tp : inputs) {
              lag += Math.max(0, ends.get(tp) - committed.getOrDefault(tp, 0L));
            }
            synchronized (this) {
              max = Math.max(max, lag);
              sum += lag;
              samples++;
              last = lag;
            }
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            // skip this sample
          }
        }
      }, "lag-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      stop = true;
      thread.interrupt();
      thread.join(5000);
    }

    synchronized String summary() {
      return String.format(Locale.ROOT, "mean %s, max %s, at the end %s events (committed offsets, %d samples 0.5 s apart)",
          n(samples == 0 ? 0 : (double) sum / samples), n(max), n(last), samples);
    }
  }

  private static String sample(List<String> windows, int n) {
    if (windows.size() <= n) {
      return String.join(" ", windows);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(windows.get((int) ((long) i * (windows.size() - 1) / (n - 1))));
    }
    return String.join(" ", out);
  }

  private static String heapResult(AppProcess.Heap h) {
    String live = h.peakLiveMb() < 0 ? "live set not measured (no mixed or full GC)"
        : String.format(Locale.ROOT, "live set %s MB (after mixed GCs; last marking cycle at %.0f s of %.0f s)",
            n(h.peakLiveMb()), h.lastLiveAtSeconds(), h.logSeconds());
    return String.format(Locale.ROOT, "%s, %s MB used before a GC, %s MB after a young GC, %s MB committed (%d GCs, %.1f s paused)",
        live, n(h.peakUsedMb()), n(h.peakAfterYoungMb()), n(h.peakCommittedMb()), h.collections(), h.pauseMs() / 1000);
  }

  private static String httpResult(FixedRateHttp.Result r) {
    long answered = r.requests() - r.unanswered();
    return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms (of the answered); %s requests, %s answered within %.1f s (%s/s)%s, %d errors%s%s",
        r.p(50), r.p(99), r.p(99.9), r.micros().getMaxValue() / 1000.0, n(r.requests()), n(answered), r.seconds(),
        n(answered / r.seconds()), r.unanswered() > 0 ? ", " + n(r.unanswered()) + " unanswered 60 s after the last was due" : "",
        r.errors(),
        r.queued() > 0 ? ", " + n(r.queued()) + " waited >1 ms for one of " + FixedRateHttp.CONNECTIONS + " connections" : "",
        r.firstError() != null ? " (first: " + abbreviate(r.firstError()) + ")" : "");
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 120 ? one.substring(0, 120) + "…" : one;
  }

  private String markdown(String label, ZonedDateTime started, int towns, List<Targets.Verdict> verdicts)
      throws IOException, InterruptedException {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" UTC — ")
        .append(label).append(" run, ").append(n(towns)).append(" towns\n\n");
    md.append("- commit: `").append(gitCommit()).append("`\n");
    md.append("- machine: ").append(machine()).append("\n");
    md.append("- setup: one embedded KRaft broker in the benchmark JVM (6 partitions a topic); the app a child JVM ")
        .append("(`GONGKAI_RATE_LIMIT=0 GONGKAI_STREAM_THREADS=").append(o.streamThreads).append(" java -Xmx").append(o.appXmx).append(" -XX:+UseG1GC -cp api/target/gongkai.jar org.gongkai.api.Main run --bootstrap-servers …`")
        .append(o.jfr ? ", with JFR on" : "").append("); the naive count a child JVM with the same options\n");
    md.append("- command: `").append(command()).append("`\n\n");
    md.append("| measure | result | target |\n|---|---|---|\n");
    rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v[0].replace("|", "\\|"))
        .append(" | ").append(v[1]).append(" |\n"));
    md.append("\n| target | measured | verdict |\n|---|---|---|\n");
    for (Targets.Verdict v : verdicts) {
      md.append("| ").append(v.target().text()).append(" | ").append(v.measuredText())
          .append(v.note().isEmpty() ? "" : " (" + v.note() + ")").append(" | ").append(v.status()).append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  private static String header() {
    return """
        # Benchmark results

        Runs of `org.gongkai.bench.NationalBenchmark` (see README, "Benchmark"), newest last. Targets
        are the issue's; they are printed beside the figures, not asserted.
        """;
  }

  // ------------------------------------------------------------------ helpers

  private static Path defaultAppJar() {
    try {
      Path self = Path.of(NationalBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = self.getParent().resolve("../../api/target/gongkai.jar").normalize();
      if (Files.exists(candidate)) {
        return candidate;
      }
    } catch (Exception e) {
      // fall through
    }
    return Path.of("api", "target", "gongkai.jar").toAbsolutePath();
  }

  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String commit = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        return "unknown";
      }
      Process diff = new ProcessBuilder("git", "diff", "--quiet", "HEAD", "--", "schemas", "streams", "api")
          .redirectErrorStream(true).start();
      diff.getInputStream().readAllBytes();
      return commit + (diff.waitFor() == 0 ? "" : " + uncommitted changes in schemas/streams/api");
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  static String machine() {
    String cpu = "";
    long memKb = 0;
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
      memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return String.format(Locale.ROOT, "%d cores%s, %.1f GiB, Java %s (%s), %s %s",
        Runtime.getRuntime().availableProcessors(), cpu.isEmpty() ? "" : " (" + cpu + ")", memKb / 1048576.0,
        System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
        System.getProperty("os.name"), System.getProperty("os.version"));
  }

  private JsonNode getJson(int port, String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body());
  }

  private HttpResponse<byte[]> tryGet(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String n(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static long sizeOf(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
