package org.gongkai.api.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;

/**
 * Never lose, never double count: a large random history (many {@code HistoryGenerator}
 * histories: duplicates, conflicts, bad events, late events, closed years) is published in
 * chunks to Gongkai running as a process of its own, which is killed with SIGKILL at random
 * moments and restarted on the same data dir, while events keep coming (some while it is down).
 * Afterwards every town and region report it serves equals the {@link Oracle}'s, and every
 * published event is accounted for exactly once: accepted or duplicate in a town tally, or a
 * dead letter.
 *
 * <p>Everything is published in the generated order, {@code year.closed} included, whether the
 * app is up or down: a town's events are applied in the order the town published them, so a
 * close published while the app works through a backlog still certifies exactly the events
 * published before it.
 *
 * <p>The reduced drill (5,000 events, 5 kills) runs with the tests; the full one (200,000 events,
 * 10 kills; README "Crash and restart drills"): {@code mvn -B -pl api -am verify
 * -Dtest=CrashRecoveryTest -Dcrash.full=true -Dsurefire.failIfNoSpecifiedTests=false}. {@code -Dcrash.events},
 * {@code -Dcrash.kills} and {@code -Dcrash.seed} change the size, the number of kills and the
 * randomness (history, interleaving and kill moments) of either.
 */
class CrashRecoveryTest {

  @Test
  void shouldServeTrueFiguresAndCountEveryEventOnceWhenKilledAgainAndAgain() throws Exception {
    boolean full = Boolean.getBoolean("crash.full");
    drill(Integer.getInteger("crash.events", full ? 200_000 : 5_000), Integer.getInteger("crash.kills", full ? 10 : 5));
  }

  /** How a kill is timed. */
  enum Moment {
    /** At a random time after the process starts: booting, restoring its stores, joining the group, or processing. */
    ANY,
    /** Once it answers /health, after it has worked through a random part (5–95 %) of its backlog. */
    PROCESSING
  }

  private void drill(int minEvents, int kills) throws Exception {
    long seed = Long.getLong("crash.seed", 20261127L);
    Random random = new Random(seed);
    Instant began = Instant.now();
    String prefix = "crash" + Long.toString(System.currentTimeMillis(), 36) + "-";
    DrillHistory history = DrillHistory.generate(DivisionRegistry.load(), 1 + seed % 100_000, minEvents, seed, prefix);
    List<Oracle.Event> events = history.events;
    Duration generated = Duration.between(began, Instant.now());

    // chunks: per kill, one published before the app starts, two while it runs and one while it is down; then the rest
    int perChunk = Math.max(1, events.size() / ((kills + 1) * 4));
    List<List<Oracle.Event>> chunks = new ArrayList<>();
    for (int from = 0; from < events.size(); from += perChunk) {
      chunks.add(events.subList(from, Math.min(events.size(), from + perChunk)));
    }
    List<String> killLog = new ArrayList<>();
    Map<String, Object> figures = new LinkedHashMap<>();
    try (Drill drill = Drill.start("crash")) {
      AppProcess app = new AppProcess(drill.bootstrapServers(), drill.root.resolve("data"));
      int next = 0;
      try {
        for (int k = 1; k <= kills; k++) {
          Moment moment = k == 2 || random.nextInt(5) == 0 ? Moment.ANY : Moment.PROCESSING;
          drill.publish(next < chunks.size() ? chunks.get(next++) : List.of());
          app.start();
          Instant started = Instant.now();
          String progress;
          if (moment == Moment.ANY) {
            Instant killAt = started.plusMillis(500 + random.nextInt(11_500));
            for (int i = 0; i < 2 && next < chunks.size(); i++) {
              drill.publish(chunks.get(next++));
            }
            long wait = Duration.between(Instant.now(), killAt).toMillis();
            if (wait > 0) {
              Thread.sleep(wait);
            }
            progress = app.healthy() ? "healthy" : "not yet healthy";
          } else {
            app.awaitHealthy(Duration.ofMinutes(10));
            for (int i = 0; i < 2 && next < chunks.size(); i++) {
              drill.publish(chunks.get(next++));
            }
            long backlog = drill.lag();
            int percent = 5 + random.nextInt(91);
            long target = backlog - backlog * percent / 100;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (drill.lag() > target && Instant.now().isBefore(deadline) && app.alive()) {
              Thread.sleep(100);
            }
            Thread.sleep(random.nextInt(100));
            progress = "backlog " + backlog + ", killed after " + percent + " % of it";
          }
          long lag = drill.lag();
          long up = Duration.between(started, Instant.now()).toMillis();
          int exit = app.kill();
          assertEquals(137, exit, "SIGKILL ends the app with 128 + 9 (else it had died before)\n" + app.logTail());
          killLog.add(String.format("kill %d (%s): %d ms after start, %s, lag at the kill %d, %d events published",
              k, moment, up, progress, lag, drill.published()));
          System.out.println("crash drill: " + killLog.get(killLog.size() - 1));
          drill.removeDeadMembers();
          drill.publish(next < chunks.size() ? chunks.get(next++) : List.of());
        }
        // the rest while it is down, then the last start
        List<Oracle.Event> rest = new ArrayList<>();
        while (next < chunks.size()) {
          rest.addAll(chunks.get(next++));
        }
        drill.publish(rest);
        app.start();
        Duration catchUp = drill.awaitCaughtUp(app, Duration.ofMinutes(30));
        assertEquals(events.size(), drill.published());

        Instant checking = Instant.now();
        drill.verify(app, history, figures);
        figures.put("checked in", Duration.between(checking, Instant.now()));
        figures.put("kills", (long) killLog.size());
        figures.put("starts", (long) app.starts());
        figures.put("events published", (long) events.size());
        figures.put("generator histories", (long) history.histories);
        figures.put("towns", (long) history.towns.size());
        figures.put("history generated in", generated);
        figures.put("caught up after the last start in", catchUp);
        figures.put("year.closed events", history.events.stream()
            .filter(e -> e.value() instanceof org.gongkai.events.YearClosedEvent).count() + ", published in order with the rest");
        figures.put("elapsed", Duration.between(began, Instant.now()));
        System.out.println("crash drill (seed " + seed + "):");
        killLog.forEach(line -> System.out.println("  " + line));
        figures.forEach((name, value) -> System.out.println("  " + name + ": " + value));
        assertEquals(kills, killLog.size());
        drill.passed();
      } finally {
        app.stop();
      }
    }
  }
}
