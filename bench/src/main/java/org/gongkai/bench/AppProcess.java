package org.gongkai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gongkai as a child JVM ({@code java -cp gongkai.jar org.gongkai.api.Main run
 * --bootstrap-servers …}), so that its heap, RSS and CPU are its own and not the broker's.
 */
final class AppProcess implements AutoCloseable {
  private final Process process;
  private final String label;
  private final Path gcLog;
  private final Path appLog;
  private final Path jfrFile;
  final int port;
  final long launchedNanos;
  private long hwmKb = -1;
  private boolean stopped;

  private AppProcess(Process process, String label, Path gcLog, Path appLog, Path jfrFile, int port, long launched) {
    this.process = process;
    this.label = label;
    this.gcLog = gcLog;
    this.appLog = appLog;
    this.jfrFile = jfrFile;
    this.port = port;
    this.launchedNanos = launched;
  }

  static AppProcess start(Path appJar, String bootstrap, Path dataDir, int port, String xmx, int streamThreads,
      Path logDir, String label, boolean jfr) throws IOException {
    // The benchmark is one client asking for thousands of reports a second: it measures what the
    // app can serve, so the per-client fair share (--rate-limit, 200/s by default since it was
    // added) is switched off. Through the environment, which versions without the option ignore
    // (so are the stream threads: an older app runs with one).
    return launch(appJar, "org.gongkai.api.Main", List.of("run",
        "--bootstrap-servers", bootstrap, "--data-dir", dataDir.toString(),
        "--host", "localhost", "--port", Integer.toString(port), "--partitions", "6"),
        xmx, logDir, label, jfr, port,
        Map.of("GONGKAI_RATE_LIMIT", "0", "GONGKAI_STREAM_THREADS", Integer.toString(streamThreads)));
  }

  /** Another main class as a child JVM with the same JVM options (the naive count anchor). */
  static AppProcess launch(Path classpath, String mainClass, List<String> args, String xmx, Path logDir,
      String label, boolean jfr, int port, Map<String, String> env) throws IOException {
    Files.createDirectories(logDir);
    Path gcLog = logDir.resolve("gc-" + label + ".log");
    Path appLog = logDir.resolve("app-" + label + ".log");
    Path jfrFile = jfr ? logDir.resolve("processing-" + label + ".jfr") : null;
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + xmx, "-XX:+UseG1GC",
        "-Xlog:gc:file=" + gcLog + ":uptime"));
    if (jfr) {
      cmd.add("-XX:StartFlightRecording=name=bench,settings=profile");
    }
    cmd.addAll(List.of("-cp", classpath.toString(), mainClass));
    cmd.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(appLog.toFile()));
    builder.environment().putAll(env);
    long launched = System.nanoTime();
    Process process = builder.start();
    return new AppProcess(process, label, gcLog, appLog, jfrFile, port, launched);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path appLog() {
    return appLog;
  }

  /** Peak resident set (VmHWM), in KiB; read from /proc while the process runs, kept after it stops. */
  long peakRssKb() {
    if (process.isAlive()) {
      hwmKb = Math.max(hwmKb, procStatus("VmHWM"));
    }
    return hwmKb;
  }

  private long procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone or not Linux
    }
    return -1;
  }

  /** CPU seconds (user + system) used by the process so far, from /proc/PID/stat. */
  double cpuSeconds() {
    return cpuSeconds(process.pid());
  }

  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state(0) ppid … utime is field 14 of the line, index 11 here; stime 12
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks / 100.0; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Writes the JFR recording started at launch to its file and stops it. */
  Path dumpJfr() throws IOException, InterruptedException {
    if (jfrFile == null) {
      return null;
    }
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), "JFR.stop", "name=bench", "filename=" + jfrFile)
        .redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0 || !Files.exists(jfrFile)) {
      throw new IOException("jcmd JFR.stop failed: " + out);
    }
    return jfrFile;
  }

  /**
   * The live heap now: {@code jcmd PID GC.class_histogram} runs a full GC first, so its total is
   * what survives one. Returns the total in bytes and the top classes, or null if jcmd failed.
   */
  record Live(long bytes, List<String> top) {}

  Live liveHeap(int topClasses) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), "GC.class_histogram").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      return null;
    }
    long total = -1;
    List<String> top = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[0].equals("Total")) {
        total = Long.parseLong(f[2]);
      } else if (f.length >= 4 && f[0].endsWith(":") && top.size() < topClasses) {
        top.add(f[3] + " " + (Long.parseLong(f[2]) >> 20) + " MB");
      }
    }
    return new Live(total, top);
  }

  /** SIGTERM (the app's shutdown hook closes the streams cleanly), then waits. */
  int stop() throws InterruptedException {
    peakRssKb();
    stopped = true;
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      System.out.println("  app " + label + " did not stop in 90 s; killing it");
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (!stopped && process.isAlive()) {
      stop();
    }
  }

  /**
   * Heap figures from the GC log (-Xlog:gc): peak used before a GC; peak left after a young GC
   * (which still holds old-generation garbage that G1 collects only in mixed or full GCs, so it
   * overstates what the app needs); the live set, read as the heap left after the last mixed GC
   * of each marking cycle (or after a full GC), at its largest; peak committed.
   */
  record Heap(long peakUsedMb, long peakAfterYoungMb, long peakLiveMb, double lastLiveAtSeconds, double logSeconds,
      long peakCommittedMb, int collections, double pauseMs) {}

  private static final Pattern UPTIME = Pattern.compile("^\\[([0-9.]+)s\\]");

  private static final Pattern GC_LINE = Pattern.compile(
      "Pause ([A-Za-z]+)(?: \\(([A-Za-z ]+)\\))?.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

  Heap heap() throws IOException {
    return heap(gcLog);
  }

  static Heap heap(Path gcLog) throws IOException {
    long used = 0;
    long afterYoung = 0;
    long live = -1;
    long lastMixed = -1;
    long committed = 0;
    int n = 0;
    double pause = 0;
    double now = 0;
    double liveAt = -1;
    if (!Files.exists(gcLog)) {
      return new Heap(-1, -1, -1, -1, -1, -1, 0, 0);
    }
    for (String line : Files.readAllLines(gcLog)) {
      Matcher t = UPTIME.matcher(line);
      if (t.find()) {
        now = Double.parseDouble(t.group(1));
      }
      Matcher m = GC_LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      n++;
      String kind = m.group(1);
      String detail = m.group(2) == null ? "" : m.group(2);
      long before = mb(m.group(3), m.group(4));
      long after = mb(m.group(5), m.group(6));
      used = Math.max(used, before);
      committed = Math.max(committed, mb(m.group(7), m.group(8)));
      pause += Double.parseDouble(m.group(9));
      if (kind.equals("Young")) {
        afterYoung = Math.max(afterYoung, after);
        if (detail.equals("Mixed")) {
          lastMixed = after;
          liveAt = now;
        } else if (lastMixed >= 0) {
          live = Math.max(live, lastMixed); // the mixed phase of a cycle has ended
          lastMixed = -1;
        }
      } else if (kind.equals("Full")) {
        live = Math.max(live, after);
        liveAt = now;
      }
    }
    if (lastMixed >= 0) {
      live = Math.max(live, lastMixed);
    }
    return new Heap(used, afterYoung, live, liveAt, now, committed, n, pause);
  }

  /** {@code java -cp gongkai-bench.jar org.gongkai.bench.AppProcess GC.log…}: the heap figures of kept GC logs. */
  public static void main(String[] args) throws IOException {
    for (String file : args) {
      System.out.println(file + ": " + heap(Path.of(file)));
    }
  }

  private static long mb(String value, String unit) {
    long v = Long.parseLong(value);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }
}
