package org.gongkai.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.broker.TopicSetup;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.GongkaiTopology;
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
      int partitions, short replicationFactor, int numStandbyReplicas) {

    /** One instance of the default application on a single broker. */
    public static Config single(String bootstrapServers, String host, int port, Path stateDir) {
      return new Config(StreamsSettings.APPLICATION_ID, bootstrapServers, host, port, stateDir, 6, (short) 1, 0);
    }
  }

  private final KafkaStreams streams;
  private final Javalin http;

  private GongkaiApp(KafkaStreams streams, Javalin http) {
    this.streams = streams;
    this.http = http;
  }

  public static GongkaiApp start(Config config, DivisionRegistry registry) {
    Predicate<String> knownTown = code -> registry.town(code).isPresent();
    TopicSetup.ensure(config.bootstrapServers(), Topics.allNames(), config.partitions(), config.replicationFactor());
    EventChecks checks = new EventChecks(knownTown, Clock.systemUTC());
    KafkaStreams streams = new KafkaStreams(GongkaiTopology.build(checks), StreamsSettings.properties(
        config.applicationId(), config.bootstrapServers(), config.stateDir(), config.host() + ":" + config.port(),
        config.replicationFactor(), config.numStandbyReplicas()));
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    ReportQueries queries = new ReportQueries(streams);
    InstanceRouter router = new InstanceRouter(streams, new HostInfo(config.host(), config.port()));
    Javalin http = ApiServer.create(new ReportRoutes(queries, router, registry), new OperationsRoutes(streams, queries))
        .start(config.host(), config.port());
    LOG.info("Gongkai API listening on http://{}:{}/", config.host(), http.port());
    return new GongkaiApp(streams, http);
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
    streams.close(Duration.ofSeconds(30));
    LOG.info("Gongkai stopped");
  }
}
