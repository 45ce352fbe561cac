package org.gongkai.api.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.gongkai.api.broker.EmbeddedBroker;
import picocli.CommandLine.Option;

/**
 * Where `publish` and `import` send and how long they wait for the receipt: the same environment
 * variables as `run`, so that a container set up for `run` publishes to its cluster; an option
 * given on the command line wins.
 */
final class DeliveryOptions {
  @Option(names = "--bootstrap-servers", defaultValue = "${env:GONGKAI_BOOTSTRAP_SERVERS}",
      description = "The Kafka cluster to publish to (host:port,…). Env GONGKAI_BOOTSTRAP_SERVERS.")
  String bootstrapServers;

  @Option(names = "--data-dir", defaultValue = "${env:GONGKAI_DATA_DIR:-./data}",
      description = "Without --bootstrap-servers: publish to the broker a `run` on this data dir started. "
          + "Env GONGKAI_DATA_DIR; default ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--no-wait", defaultValue = "${env:GONGKAI_NO_WAIT:-false}",
      description = "Do not wait for the receipt: exit once Kafka has acknowledged the events. Env GONGKAI_NO_WAIT.")
  boolean noWait;

  @Option(names = "--wait-timeout", defaultValue = "${env:GONGKAI_WAIT_TIMEOUT:-300}",
      description = "Seconds to wait for the streams to apply the events. Env GONGKAI_WAIT_TIMEOUT; default ${DEFAULT-VALUE}.")
  long waitTimeout;

  /** The cluster to publish to; empty (said on {@code err}) when none is given and no `run` holds the data dir. */
  Optional<String> bootstrap(PrintWriter err) {
    String bootstrap = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers
        : EmbeddedBroker.runningAt(dataDir).orElse(null);
    if (bootstrap == null) {
      err.println("no broker found for data dir " + dataDir + ": start `gongkai run --data-dir " + dataDir
          + "` first, or give --bootstrap-servers");
    }
    return Optional.ofNullable(bootstrap);
  }
}
