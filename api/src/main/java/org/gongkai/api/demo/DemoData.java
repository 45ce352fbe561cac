package org.gongkai.api.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.gongkai.api.publish.DoorChecks;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.streams.Progress;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo history of an embedded run's data dir: loaded once, on the first start (unless
 * {@code --no-demo}), in the background so that the API answers at once; a marker file in the
 * data dir remembers what was loaded, so that {@code /api/v1/about} goes on saying the data holds
 * synthetic figures after a restart (with {@code --no-demo} too: the events are still there).
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  static final String MARKER = "demo-loaded.json";
  /** How long the streams may take to apply the history once it is published. */
  static final Duration APPLY_TIMEOUT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path marker;
  /** The history still to load, or null. */
  private final DemoHistory toLoad;
  private final DemoHistory.Summary summary;

  private DemoData(Path marker, DemoHistory toLoad, DemoHistory.Summary summary) {
    this.marker = marker;
    this.toLoad = toLoad;
    this.summary = summary;
  }

  /** No demo history (a run against an existing cluster). */
  public static DemoData none() {
    return new DemoData(null, null, null);
  }

  /** What the data dir holds, or is to hold once the history is loaded. */
  public static DemoData of(Path dataDir, boolean noDemo, DivisionRegistry registry) {
    Path marker = dataDir.resolve(MARKER);
    if (Files.exists(marker)) {
      DemoHistory.Summary loaded = read(marker);
      if (noDemo) {
        LOG.warn("{} already holds the synthetic demo history ({} {}–{}); --no-demo does not remove it: "
            + "start with a new --data-dir for a run without it", dataDir, loaded.name(), loaded.firstYear(), loaded.lastYear());
      }
      return new DemoData(marker, null, loaded);
    }
    if (noDemo) {
      return none();
    }
    DemoHistory history = DemoHistory.of(registry);
    return new DemoData(marker, history, history.summary());
  }

  /** The demo history the data holds or is being loaded with, or null. */
  public DemoHistory.Summary summary() {
    return summary;
  }

  /** Loads the history, if it is still to be loaded, on a thread of its own. */
  public void loadInBackground(String bootstrapServers, Progress progress, EventChecks checks) {
    if (toLoad == null) {
      return;
    }
    Thread thread = new Thread(() -> load(bootstrapServers, progress, checks), "gongkai-demo");
    thread.setDaemon(true);
    thread.start();
  }

  private void load(String bootstrapServers, Progress progress, EventChecks checks) {
    LOG.info("loading the synthetic demo history: {} towns of {} ({}), {}–{} closed, {} open", summary.towns(),
        summary.name(), summary.province(), summary.firstYear(), summary.lastYear(), summary.lastYear() + 1);
    try (EventPublisher publisher = new EventPublisher(bootstrapServers)) {
      DemoLoader.Loaded loaded = new DemoLoader(toLoad, publisher, new DoorChecks(checks), progress)
          .load(APPLY_TIMEOUT, this::markLoaded);
      LOG.info("demo history {}: {} events, {} towns, {} s ({} events/s; published in {} s; {} CPU s of this process)",
          loaded.complete() ? "loaded" : "published but not yet applied", loaded.events(), loaded.towns(),
          seconds(loaded.applied()), String.format(Locale.ROOT, "%.0f", loaded.eventsPerSecond()), seconds(loaded.published()),
          seconds(loaded.processCpu()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("the demo history could not be loaded (it is loaded again on the next start): {}", e.getMessage(), e);
    }
  }

  private void markLoaded() {
    try {
      Files.write(marker, JSON.writeValueAsBytes(summary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + marker, e);
    }
  }

  private static DemoHistory.Summary read(Path marker) {
    try {
      return JSON.readValue(marker.toFile(), DemoHistory.Summary.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + marker + " (delete it to load the demo history again): "
          + e.getMessage(), e);
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }
}
