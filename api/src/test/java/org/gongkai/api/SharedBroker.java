package org.gongkai.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gongkai.api.broker.EmbeddedBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker for the whole test JVM, started on first use in a temp dir and stopped
 * (and its temp dir removed) by a shutdown hook. Tests sharing it must use their own topic names.
 */
public final class SharedBroker {

  private static final Logger log = LoggerFactory.getLogger(SharedBroker.class);

  private static EmbeddedBroker broker;

  private SharedBroker() {}

  /** "127.0.0.1:PORT" of the shared broker, starting it if this is the first call. */
  public static synchronized String bootstrapServers() {
    if (broker == null) {
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("gongkai-shared-broker-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temp dir for the shared broker", e);
      }
      EmbeddedBroker started = EmbeddedBroker.start(dataDir);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    deleteRecursively(dataDir);
                  },
                  "shared-broker-shutdown"));
      broker = started;
      log.info("Shared test broker started at {}", started.bootstrapServers());
    }
    return broker.bootstrapServers();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Cannot delete {}", dir, e);
    }
  }
}
