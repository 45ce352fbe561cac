package org.gongkai.api.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;

/**
 * Lost local state: the app processes a history, is killed, and its state folder
 * ({@code DATA/streams}: every RocksDB store and checkpoint) is deleted. Restarted on the same
 * data dir, it rebuilds the stores from their changelogs and serves the same figures, the
 * {@link org.gongkai.streams.oracle.Oracle}'s. Then the rest of the history arrives and is
 * judged against the rebuilt ledgers (duplicates, conflicts and closed years need them), and
 * the figures are still the oracle's, with every event counted once. That rest's
 * {@code year.closed} events go out once the others are processed ({@link CrossTopicOrderTest}).
 *
 * <p>{@code -Dlost.events} changes the size of the history (default 2,500 events).
 */
class LostStateTest {

  @Test
  void shouldServeTheSameFiguresWhenTheStateFolderIsLostAndRebuiltFromChangelogs() throws Exception {
    long seed = Long.getLong("lost.seed", 7_001L);
    Instant began = Instant.now();
    String prefix = "lost" + Long.toString(System.currentTimeMillis(), 36) + "-";
    DrillHistory history = DrillHistory.generate(DivisionRegistry.load(), seed, Integer.getInteger("lost.events", 2_500),
        seed, prefix);
    DrillHistory before = history.first(history.events.size() * 3 / 4);
    Map<String, Object> figures = new LinkedHashMap<>();
    try (Drill drill = Drill.start("lost-state")) {
      Path data = drill.root.resolve("data");
      AppProcess app = new AppProcess(drill.bootstrapServers(), data);
      try {
        drill.publish(before.events);
        app.start();
        figures.put("first run caught up in", drill.awaitCaughtUp(app, Duration.ofMinutes(10)));
        drill.verify(app, before, new LinkedHashMap<>());

        assertEquals(137, app.kill(), "SIGKILL ends the app with 128 + 9");
        Path state = data.resolve("streams");
        assertTrue(Files.isDirectory(state), "the app keeps its stores under DATA/streams");
        figures.put("state folder deleted", size(state) / 1024 + " KiB");
        delete(state);
        assertFalse(Files.exists(state));
        drill.removeDeadMembers();

        Instant restarted = Instant.now();
        app.start();
        drill.awaitCaughtUp(app, Duration.ofMinutes(10));
        figures.put("restarted and restored in", Duration.between(restarted, Instant.now()));
        assertTrue(Files.isDirectory(state), "the stores are rebuilt under DATA/streams");
        drill.verify(app, before, figures);

        // the rest while it runs, in the generated order, closes included
        drill.publish(history.events.subList(before.events.size(), history.events.size()));
        figures.put("rest of the history caught up in", drill.awaitCaughtUp(app, Duration.ofMinutes(10)));
        drill.verify(app, history, figures);

        figures.put("events published", (long) history.events.size() + " (" + before.events.size()
            + " before the state was lost)");
        figures.put("towns", (long) history.towns.size());
        figures.put("elapsed", Duration.between(began, Instant.now()));
        System.out.println("lost state drill (seed " + seed + "):");
        figures.forEach((name, value) -> System.out.println("  " + name + ": " + value));
        drill.passed();
      } finally {
        app.stop();
      }
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
