package org.gongkai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the whole machine was during a phase, and how much of that was neither the app nor
 * the benchmark JVM (which hosts the broker): other people's builds and tests share these cores,
 * and a figure measured while they ran says so beside it.
 */
final class CpuMeter {
  private CpuMeter() {}

  record Snapshot(long nanos, long busyTicks, long totalTicks, double benchSeconds, double appSeconds) {}

  static Snapshot take(AppProcess app) {
    long busy = 0;
    long total = 0;
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i != 4 && i != 5) { // idle, iowait
          busy += v;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return new Snapshot(System.nanoTime(), busy, total, AppProcess.cpuSeconds(ProcessHandle.current().pid()),
        app == null ? 0 : app.cpuSeconds());
  }

  /** Average cores busy with other processes between the snapshots. */
  static double others(Snapshot a, Snapshot b) {
    double wall = (b.nanos() - a.nanos()) / 1e9;
    if (wall <= 0 || b.totalTicks() == a.totalTicks()) {
      return Double.NaN;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    double machine = cores * (double) (b.busyTicks() - a.busyTicks()) / (b.totalTicks() - a.totalTicks());
    double ours = (b.benchSeconds() - a.benchSeconds() + b.appSeconds() - a.appSeconds()) / wall;
    return Math.max(0, machine - ours);
  }

  static String othersNote(Snapshot a, Snapshot b) {
    return String.format(Locale.ROOT, "other processes busy %.2f of %d cores", others(a, b),
        Runtime.getRuntime().availableProcessors());
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
