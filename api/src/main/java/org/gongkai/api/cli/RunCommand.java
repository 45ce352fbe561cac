package org.gongkai.api.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.AboutRoutes;
import org.gongkai.api.GongkaiApp;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.api.demo.DemoData;
import org.gongkai.api.security.ClusterSecret;
import org.gongkai.api.security.KafkaSecurityOptions;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.streams.StreamsSettings;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs Gongkai: its own broker unless one is given, the streams, and the API. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the streams and the HTTP API. Without --bootstrap-servers, start an embedded "
        + "single-node Kafka broker under the data dir and load the seed events on first start.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  /** Seed event files shipped in the jar, published on the first start of an embedded run. */
  static final List<String> SEEDS = List.of("/seeds/events/360923105-2020.jsonl");

  // Every setting can also come from the environment (GONGKAI_*), for containers; an option given
  // on the command line wins. README.md "## Configuration" lists them all
  // (ConfigurationDocumentedTest keeps it complete).

  @Option(names = "--port", defaultValue = "${env:GONGKAI_PORT:-7070}",
      description = "HTTP port. Env GONGKAI_PORT; default ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "${env:GONGKAI_HOST:-localhost}",
      description = "Host the API binds to and advertises to other instances (application.server): "
          + "a name the other instances can reach. Env GONGKAI_HOST; default ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--data-dir", defaultValue = "${env:GONGKAI_DATA_DIR:-./data}",
      description = "Broker and state data. Env GONGKAI_DATA_DIR; default ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--bootstrap-servers", defaultValue = "${env:GONGKAI_BOOTSTRAP_SERVERS}",
      description = "An existing Kafka cluster (host:port,…); no embedded broker is started. Env "
          + "GONGKAI_BOOTSTRAP_SERVERS; unset: start an embedded single-node broker (one machine only).")
  String bootstrapServers;

  @Option(names = "--partitions", defaultValue = "${env:GONGKAI_PARTITIONS:-6}",
      description = "Partitions of topics it creates. Env GONGKAI_PARTITIONS; default ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "${env:GONGKAI_REPLICATION_FACTOR:-1}",
      description = "Replication of topics it creates and of the streams' changelogs. "
          + "Env GONGKAI_REPLICATION_FACTOR; default ${DEFAULT-VALUE}.")
  short replicationFactor;

  @Option(names = "--num-standby-replicas", defaultValue = "${env:GONGKAI_NUM_STANDBY_REPLICAS:-0}",
      description = "Warm copies of each state store kept on other instances, for fast fail-over "
          + "(num.standby.replicas). Env GONGKAI_NUM_STANDBY_REPLICAS; default ${DEFAULT-VALUE}.")
  int numStandbyReplicas;

  @Option(names = "--stream-threads", defaultValue = "${env:GONGKAI_STREAM_THREADS:-1}",
      description = "Stream threads of this instance (num.stream.threads): each processes some of the partitions "
          + "it owns; up to one per core helps (README \"How many partitions\"). Env GONGKAI_STREAM_THREADS; "
          + "default ${DEFAULT-VALUE}.")
  int streamThreads;

  // Security (README.md "## Security"): the read API is public but shared fairly, publishing over
  // HTTP needs a town's token, and Kafka may require credentials.

  @Option(names = "--rate-limit", defaultValue = "${env:GONGKAI_RATE_LIMIT:-200}",
      description = "Requests per second each client (IP address) may make; 0 disables the limit. "
          + "Env GONGKAI_RATE_LIMIT; default ${DEFAULT-VALUE}.")
  double rateLimit;

  @Option(names = "--rate-limit-burst", defaultValue = "${env:GONGKAI_RATE_LIMIT_BURST}",
      description = "Requests a client may make at once before the rate applies. Env GONGKAI_RATE_LIMIT_BURST; "
          + "default twice --rate-limit.")
  String rateLimitBurst;

  @Option(names = "--cluster-secret", defaultValue = "${env:GONGKAI_CLUSTER_SECRET}",
      description = "A secret all instances share (16 characters or more): requests they forward to each other "
          + "carry it and are not rate-limited twice. Env GONGKAI_CLUSTER_SECRET (prefer it to the option).")
  String clusterSecret;

  @Option(names = "--publisher-tokens", defaultValue = "${env:GONGKAI_PUBLISHER_TOKENS}",
      description = "File of 'town-code sha256-hex-of-token' lines: enables POST /api/v1/towns/{town}/events "
          + "for those towns. Env GONGKAI_PUBLISHER_TOKENS; unset: publishing over HTTP is disabled.")
  Path publisherTokens;

  @Option(names = "--no-demo", defaultValue = "${env:GONGKAI_NO_DEMO:-false}",
      description = "Do not load the synthetic demo history (every town of 江西省 from 2019) on the first start of "
          + "an embedded run. Env GONGKAI_NO_DEMO.")
  boolean noDemo;

  @Option(names = "--boundaries", defaultValue = "${env:GONGKAI_BOUNDARIES}",
      description = "Folder of {region}.json GeoJSON boundary files for the dashboard's maps (from an approved "
          + "standard map, 审图号). Env GONGKAI_BOUNDARIES; unset: the dashboard draws no maps.")
  Path boundaries;

  @Mixin
  KafkaSecurityOptions kafkaSecurity;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (numStandbyReplicas < 0) {
      throw new ParameterException(spec.commandLine(), "--num-standby-replicas must be 0 or more, was "
          + numStandbyReplicas);
    }
    if (streamThreads < 1) {
      throw new ParameterException(spec.commandLine(), "--stream-threads must be 1 or more, was " + streamThreads);
    }
    if (bootstrapServers != null && bootstrapServers.isBlank()) {
      bootstrapServers = null; // GONGKAI_BOOTSTRAP_SERVERS= (empty) means unset, as in a shell
    }
    DivisionRegistry registry = DivisionRegistry.load();
    GongkaiApp.Security security = security(registry);
    if (bootstrapServers == null && security.kafka().isSecured()) {
      throw new ParameterException(spec.commandLine(), "Kafka security settings need --bootstrap-servers: "
          + "the embedded broker is plain and local");
    }
    if (boundaries != null && boundaries.toString().isBlank()) {
      boundaries = null; // GONGKAI_BOUNDARIES= (empty) means unset
    }
    if (boundaries != null && !Files.isDirectory(boundaries)) {
      throw new ParameterException(spec.commandLine(), "--boundaries: " + boundaries + " is not a folder");
    }
    Files.createDirectories(dataDir);
    EmbeddedBroker broker = bootstrapServers == null ? EmbeddedBroker.start(dataDir) : null;
    String bootstrap = broker != null ? broker.bootstrapServers() : bootstrapServers;
    DemoData demo = broker == null ? DemoData.none() : DemoData.of(dataDir, noDemo, registry);
    GongkaiApp app = GongkaiApp.start(new GongkaiApp.Config(StreamsSettings.APPLICATION_ID, bootstrap, host, port,
        dataDir.resolve("streams"), partitions, replicationFactor, numStandbyReplicas, streamThreads), registry, security,
        new AboutRoutes(demo.summary()), boundaries);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      app.close();
      if (broker != null) {
        broker.close();
      }
      stopped.countDown();
    }, "gongkai-shutdown"));
    if (broker != null) {
      seedOnce(bootstrap);
      demo.loadInBackground(bootstrap, app.progress(), new EventChecks(code -> registry.town(code).isPresent(),
          Clock.systemUTC()));
    }
    app.awaitRunning(Duration.ofMinutes(5));
    if (broker != null) {
      awaitReference(app.port(), Duration.ofMinutes(2));
    }
    LOG.info("ready: try curl http://{}:{}/api/v1/towns/360923105/reports/2020", host, app.port());
    stopped.await();
    return 0;
  }

  /** The security settings, checked: a setting that cannot work is a usage error, before anything starts. */
  GongkaiApp.Security security(DivisionRegistry registry) {
    if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
      throw new ParameterException(spec.commandLine(), "--rate-limit must be 0 (no limit) or more requests per second, was "
          + rateLimit);
    }
    Double burst = null;
    if (rateLimitBurst != null && !rateLimitBurst.isBlank()) {
      try {
        burst = Double.valueOf(rateLimitBurst.strip());
      } catch (NumberFormatException e) {
        burst = Double.NaN;
      }
      if (!(burst >= 1) || burst.isInfinite()) {
        throw new ParameterException(spec.commandLine(), "--rate-limit-burst must be a number of requests, 1 or more, was "
            + rateLimitBurst);
      }
    }
    ClusterSecret secret = null;
    if (clusterSecret != null && !clusterSecret.isBlank()) {
      try {
        secret = ClusterSecret.of(clusterSecret);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--cluster-secret: " + e.getMessage());
      }
    }
    if (publisherTokens != null && publisherTokens.toString().isBlank()) {
      publisherTokens = null; // GONGKAI_PUBLISHER_TOKENS= (empty) means unset
    }
    if (publisherTokens != null) {
      if (!Files.isRegularFile(publisherTokens) || !Files.isReadable(publisherTokens)) {
        throw new ParameterException(spec.commandLine(), "--publisher-tokens: cannot read the file " + publisherTokens);
      }
      try {
        PublisherTokens.load(publisherTokens, code -> registry.town(code).isPresent());
      } catch (IllegalArgumentException | IOException e) {
        throw new ParameterException(spec.commandLine(), "--publisher-tokens: " + e.getMessage());
      }
    }
    return new GongkaiApp.Security(kafkaSecurity.security(spec), rateLimit, burst, secret, publisherTokens);
  }

  /** Publishes the seed events on the first start of a data dir; a marker file remembers it. */
  private void seedOnce(String bootstrap) throws IOException, InterruptedException {
    Path marker = dataDir.resolve("seeded");
    if (Files.exists(marker)) {
      return;
    }
    try (EventPublisher publisher = new EventPublisher(bootstrap)) {
      for (String seed : SEEDS) {
        try (Reader reader = new InputStreamReader(RunCommand.class.getResourceAsStream(seed), StandardCharsets.UTF_8)) {
          EventLines.Result parsed = EventLines.parse(reader);
          if (!parsed.errors().isEmpty()) {
            throw new IllegalStateException("seed " + seed + " is invalid: " + parsed.errors());
          }
          LOG.info("published {} seed events from {}", publisher.publish(parsed.events()).events(), seed);
        }
      }
    }
    Files.writeString(marker, "seed events published\n");
  }

  /** "ready" means the reference report answers: the seed's events have been applied. */
  private static void awaitReference(int port, Duration timeout) throws InterruptedException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/v1/towns/360923105/reports/2020")).build();
    java.time.Instant deadline = java.time.Instant.now().plus(timeout);
    while (java.time.Instant.now().isBefore(deadline)) {
      try {
        if (http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not answering yet
      }
      Thread.sleep(200);
    }
    LOG.warn("the reference report does not answer after {}; the streams may still be catching up", timeout);
  }
}
