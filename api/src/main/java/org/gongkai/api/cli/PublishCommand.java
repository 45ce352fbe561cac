package org.gongkai.api.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gongkai.api.EventPublisher;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.schemas.lines.EventLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates an event-lines file and produces its events. A file with any invalid line is not
 * published at all: every bad line is listed so the clerk can fix the file and publish it again
 * (publishing again is safe: unchanged events count as duplicates).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Validate a JSON Lines file of events and publish it to Kafka.")
public final class PublishCommand implements Callable<Integer> {

  // Same environment variables as `run`, so that a container set up for `run` publishes to its
  // cluster; an option given on the command line wins.

  @Option(names = "--bootstrap-servers", defaultValue = "${env:GONGKAI_BOOTSTRAP_SERVERS}",
      description = "The Kafka cluster to publish to (host:port,…). Env GONGKAI_BOOTSTRAP_SERVERS.")
  String bootstrapServers;

  @Option(names = "--data-dir", defaultValue = "${env:GONGKAI_DATA_DIR:-./data}",
      description = "Without --bootstrap-servers: publish to the broker a `run` on this data dir started. "
          + "Env GONGKAI_DATA_DIR; default ${DEFAULT-VALUE}.")
  Path dataDir;

  @Parameters(paramLabel = "FILE", description = "Event lines (one JSON event a line, see domain.md §7).")
  Path file;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(file)) {
      err.println("cannot read " + file);
      return 2;
    }
    EventLines.Result parsed = EventLines.parse(file);
    if (!parsed.errors().isEmpty()) {
      parsed.errors().forEach(error -> err.println(file + ": " + error));
      err.println(parsed.errors().size() + " invalid line(s); nothing was published");
      return 1;
    }
    String bootstrap = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers : EmbeddedBroker.runningAt(dataDir).orElse(null);
    if (bootstrap == null) {
      err.println("no broker found for data dir " + dataDir + ": start `gongkai run --data-dir " + dataDir
          + "` first, or give --bootstrap-servers");
      return 2;
    }
    try (EventPublisher publisher = new EventPublisher(bootstrap)) {
      out.println("published " + publisher.publish(parsed.events()) + " events from " + file + " to " + bootstrap);
    }
    return 0;
  }
}
