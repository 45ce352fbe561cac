package org.gongkai.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.broker.TopicSetup;
import org.gongkai.api.dashboard.DashboardFigures;
import org.gongkai.api.dashboard.DashboardRoutes;
import org.gongkai.api.dashboard.Freshness;
import org.gongkai.api.publish.DoorChecks;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.publish.PublishRoutes;
import org.gongkai.api.publish.TownRecords;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.ClusterSecret;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.GongkaiTopology;
import org.gongkai.streams.Progress;
import org.gongkai.streams.StreamsSettings;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Gongkai instance: its topics ensured, its Kafka Streams running, its HTTP API up. */
public final class GongkaiApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GongkaiApp.class);

  /** How an instance is set up. */
  public record Config(String applicationId, String bootstrapServers, String host, int port, Path stateDir,
      int partitions, short replicationFactor, int numStandbyReplicas, int streamThreads) {

    /** One instance of the default application on a single broker. */
    public static Config single(String bootstrapServers, String host, int port, Path stateDir) {
      return new Config(StreamsSettings.APPLICATION_ID, bootstrapServers, host, port, stateDir, 6, (short) 1, 0, 1);
    }
  }

  /**
   * How an instance protects itself and authenticates to Kafka (README.md, "## Security").
   *
   * @param kafka the Kafka clients' security settings (streams, admin, producer)
   * @param rateLimit requests per second per client; 0: no limit
   * @param rateBurst requests a client may make at once; null: twice the rate
   * @param clusterSecret shared by the instances, so forwarded requests are not limited twice; null: none
   * @param publisherTokens the town publishers' token digests; null: publishing over HTTP disabled
   */
  public record Security(KafkaSecurity kafka, double rateLimit, Double rateBurst, ClusterSecret clusterSecret,
      Path publisherTokens) {

    /** Plain Kafka, no rate limit, no cluster secret, no publishing over HTTP: for tests and embedding. */
    public static Security none() {
      return new Security(KafkaSecurity.NONE, 0, null, null, null);
    }
  }

  private final KafkaStreams streams;
  private final Progress progress;
  private final ReportQueries queries;
  private final Javalin http;
  private final EventPublisher publisher;
  private final KafkaHealth kafkaHealth;

  private GongkaiApp(KafkaStreams streams, Progress progress, ReportQueries queries, Javalin http,
      EventPublisher publisher, KafkaHealth kafkaHealth) {
    this.kafkaHealth = kafkaHealth;
    this.streams = streams;
    this.progress = progress;
    this.queries = queries;
    this.http = http;
    this.publisher = publisher;
  }

  /** An instance without HTTP protections or Kafka security ({@link Security#none()}). */
  public static GongkaiApp start(Config config, DivisionRegistry registry) {
    return start(config, registry, Security.none());
  }

  public static GongkaiApp start(Config config, DivisionRegistry registry, Security security) {
    return start(config, registry, security, AboutRoutes.plain(), null);
  }

  /**
   * @param about what {@code /api/v1/about} says, the demo history among it
   * @param boundaries the dashboard's map boundaries folder ({@link BoundaryRoutes}); null: no maps
   */
  public static GongkaiApp start(Config config, DivisionRegistry registry, Security security, AboutRoutes about,
      Path boundaries) {
    Predicate<String> knownTown = code -> registry.town(code).isPresent();
    // Settings that cannot work fail before anything starts.
    ClientRateLimit rateLimit = ClientRateLimit.of(security.rateLimit(), security.rateBurst(), security.clusterSecret());
    PublisherTokens tokens = publisherTokens(security.publisherTokens(), knownTown);
    Map<String, Object> kafkaClient = security.kafka().clientProperties();
    TopicSetup.ensure(config.bootstrapServers(), kafkaClient, Topics.allNames(), config.partitions(),
        config.replicationFactor());
    int inputPartitions = TopicSetup.partitions(config.bootstrapServers(), kafkaClient, Topics.EVENTS.name());
    EventChecks checks = new EventChecks(knownTown, Clock.systemUTC());
    Properties settings = StreamsSettings.properties(
        config.applicationId(), config.bootstrapServers(), config.stateDir(), config.host() + ":" + config.port(),
        config.replicationFactor(), config.numStandbyReplicas(), config.streamThreads());
    // Unprefixed client settings apply to every client of the streams: consumer, producers, admin.
    settings.putAll(kafkaClient);
    Progress progress = new Progress();
    KafkaStreams streams = new KafkaStreams(GongkaiTopology.build(checks, progress), settings);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    InstanceRouter router = new InstanceRouter(streams, new HostInfo(config.host(), config.port()),
        security.clusterSecret());
    ReportQueries queries = new ReportQueries(streams, inputPartitions, new RemoteRegionPartials(router));
    EventPublisher publisher = tokens.isEmpty() ? null : new EventPublisher(config.bootstrapServers(), kafkaClient);
    PublishRoutes publish = publisher == null ? PublishRoutes.disabled()
        : new PublishRoutes(tokens, publisher::publish, new DoorChecks(checks), new TownRecords(queries), router);
    ReportRoutes reports = new ReportRoutes(queries, router, registry);
    DashboardRoutes dashboard = new DashboardRoutes(reports, new DashboardFigures(queries, router, registry), router,
        registry, new Freshness(progress, streams));
    KafkaHealth kafkaHealth = new KafkaHealth(config.bootstrapServers(), kafkaClient);
    Javalin http = ApiServer.create(reports,
            new OperationsRoutes(streams, queries, progress, reports.answers(), kafkaHealth),
            rateLimit, publish, about, dashboard, new BoundaryRoutes(boundaries, registry))
        .start(config.host(), config.port());
    LOG.info("Gongkai API listening on http://{}:{}/ (rate limit {}, publishing over HTTP {}, Kafka {})",
        config.host(), http.port(),
        rateLimit.enabled() ? security.rateLimit() + "/s per client" : "off",
        publish.enabled() ? "for " + tokens.size() + " token line(s)" : "disabled", security.kafka());
    return new GongkaiApp(streams, progress, queries, http, publisher, kafkaHealth);
  }

  private static PublisherTokens publisherTokens(Path file, Predicate<String> knownTown) {
    if (file == null) {
      return PublisherTokens.none();
    }
    try {
      PublisherTokens tokens = PublisherTokens.load(file, knownTown);
      if (tokens.isEmpty()) {
        LOG.warn("{} has no token lines: publishing over HTTP stays disabled", file);
      }
      return tokens;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read the publisher tokens " + file + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return http.port();
  }

  public Javalin http() {
    return http;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The interactive queries of this instance's stores (and of the other instances' region partials). */
  public ReportQueries queries() {
    return queries;
  }

  /** How far this instance's streams have got (the last event applied per input partition). */
  public Progress progress() {
    return progress;
  }

  /** Waits until the streams are running, so that queries are answered. */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("streams not running after " + timeout + ": " + streams.state());
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    http.stop();
    kafkaHealth.close();
    if (publisher != null) {
      publisher.close();
    }
    // Leave the group: the others (or this instance, restarted) take its tasks at once, instead of
    // after the session timeout.
    streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
    LOG.info("Gongkai stopped");
  }
}
