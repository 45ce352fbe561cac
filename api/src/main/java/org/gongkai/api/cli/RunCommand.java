package org.gongkai.api.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gongkai.api.EventPublisher;
import org.gongkai.api.GongkaiApp;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.registry.DivisionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs Gongkai: its own broker unless one is given, the streams, and the API. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the streams and the HTTP API. Without --bootstrap-servers, start an embedded "
        + "single-node Kafka broker under the data dir and load the seed events on first start.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  /** Seed event files shipped in the jar, published on the first start of an embedded run. */
  static final List<String> SEEDS = List.of("/seeds/events/360923105-2020.jsonl");

  @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "localhost",
      description = "Host the API binds to and advertises to other instances (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--data-dir", defaultValue = "./data", description = "Broker and state data (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--bootstrap-servers", description = "An existing Kafka cluster; no embedded broker is started.")
  String bootstrapServers;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions of topics it creates (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1",
      description = "Replication of topics it creates (default ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dataDir);
    EmbeddedBroker broker = bootstrapServers == null ? EmbeddedBroker.start(dataDir) : null;
    String bootstrap = broker != null ? broker.bootstrapServers() : bootstrapServers;
    DivisionRegistry registry = DivisionRegistry.load();
    GongkaiApp app = GongkaiApp.start(new GongkaiApp.Config(bootstrap, host, port, dataDir.resolve("streams"),
        partitions, replicationFactor), registry);
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
    }
    app.awaitRunning(Duration.ofMinutes(5));
    LOG.info("ready: try curl http://{}:{}/api/v1/towns/360923105/reports/2020", host, app.port());
    stopped.await();
    return 0;
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
          LOG.info("published {} seed events from {}", publisher.publish(parsed.events()), seed);
        }
      }
    }
    Files.writeString(marker, "seed events published\n");
  }
}
