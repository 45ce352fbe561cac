package org.gongkai.api.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gongkai as operators run it: {@code java -Xmx512m -cp … org.gongkai.api.Main run} in a JVM of
 * its own (the test JVM's class path), against the drill's broker, with one data dir across
 * restarts, and without the per-client rate limit ({@code GONGKAI_RATE_LIMIT=0}): the drill
 * reads every report as fast as the app answers. {@link #kill()} is {@link Process#destroyForcibly()}: SIGKILL on Linux, so no
 * shutdown hook, no clean close of the streams, the stores or the open transaction.
 */
public final class AppProcess {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String bootstrapServers;
  private final Path dataDir;
  private final Path log;
  private final Map<String, String> environment;
  private Process process;
  private int port;
  private int starts;

  public AppProcess(String bootstrapServers, Path dataDir) {
    this(bootstrapServers, dataDir, Map.of());
  }

  /**
   * @param environment GONGKAI_* settings of the app (the drill's own, {@code GONGKAI_RATE_LIMIT=0},
   *     wins); the command line's bootstrap servers, data dir, host and port win over them
   */
  public AppProcess(String bootstrapServers, Path dataDir, Map<String, String> environment) {
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.environment = Map.copyOf(environment);
  }

  /** Starts the app on a free port; its output goes to the log next to the data dir. */
  public void start() throws IOException {
    if (alive()) {
      throw new IllegalStateException("already running");
    }
    port = freePort();
    starts++;
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"),
        "org.gongkai.api.Main", "run",
        "--bootstrap-servers", bootstrapServers,
        "--data-dir", dataDir.toAbsolutePath().toString(),
        "--host", "localhost",
        "--port", Integer.toString(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("GONGKAI_"));
    builder.environment().putAll(environment);
    // The drill is one client that reads every report: no per-client fair share (--rate-limit)
    builder.environment().put("GONGKAI_RATE_LIMIT", "0");
    Files.writeString(log, "=== start " + starts + " on port " + port + " at " + Instant.now() + "\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    process = builder.start();
  }

  /** SIGKILL, and waits until the process is gone; returns its exit code (137 when killed). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The HTTP port of the current (or last) start. */
  public int port() {
    return port;
  }

  public int starts() {
    return starts;
  }

  /** Whether {@code /health} answers 200: the streams run and the stores answer. */
  public boolean healthy() throws InterruptedException {
    try {
      return get("/health").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits for {@code /health} to answer 200; fails with the end of the log if the app died. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!healthy()) {
      if (!alive()) {
        throw new IllegalStateException("the app exited with " + process.exitValue() + "\n" + logTail());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the app is not healthy after " + timeout + "\n" + logTail());
      }
      Thread.sleep(100);
    }
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public Path log() {
    return log;
  }

  /** The last lines of the app's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- " + log + " (last lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops it for good at the end of a drill. */
  public void stop() throws InterruptedException {
    if (alive()) {
      kill();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
