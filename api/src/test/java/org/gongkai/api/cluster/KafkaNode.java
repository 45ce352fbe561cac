package org.gongkai.api.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;

/**
 * One Kafka node of docker-compose.yml as a process: {@code java -Xmx256m -cp … kafka.Kafka
 * server.properties} with its own data dir, from the kafka_2.13 jar of the test class path. Its
 * settings are the service's KAFKA_ variables with the compose host names and ports replaced by
 * 127.0.0.1 and this machine's ports, and its JAAS file is the one the service's start command
 * writes. Formatted once, as the start command does (cluster id, the admin's SCRAM credential).
 */
final class KafkaNode {
  /** Kept out of a 256 MiB heap: the log cleaner's dedupe buffer is 128 MiB by default. */
  static final Map<String, String> SMALL_MACHINE = Map.of("log.cleaner.dedupe.buffer.size", String.valueOf(16 << 20));

  final int id;
  final String service;
  final int brokerPort;
  private final Path dir;
  private final Path config;
  private final Path jaas;
  private final Path log;
  private Process process;
  private int starts;

  KafkaNode(int id, String service, int brokerPort, Path dir, Properties settings, String jaasFile) throws IOException {
    this.id = id;
    this.service = service;
    this.brokerPort = brokerPort;
    this.dir = Files.createDirectories(dir);
    this.config = dir.resolve("server.properties");
    this.jaas = dir.resolve("kafka_jaas.conf");
    this.log = dir.resolve("broker.log");
    settings.put("log.dirs", dir.resolve("data").toAbsolutePath().toString());
    SMALL_MACHINE.forEach(settings::put);
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      settings.store(out, service + " of docker-compose.yml, on this machine's ports");
    }
    Files.writeString(jaas, jaasFile, StandardCharsets.UTF_8);
  }

  /** kafka-storage format --ignore-formatted, with the admin's SCRAM credential, as the compose command does. */
  void format(String clusterId, String adminName, String adminPassword) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {"format", "--ignore-formatted", "--cluster-id", clusterId,
          "--config", config.toString(), "--add-scram",
          "SCRAM-SHA-512=[name=" + adminName + ",password=" + adminPassword + "]"}, print);
    } catch (Exception e) {
      throw new IllegalStateException("formatting " + service + " failed: " + out.toString(StandardCharsets.UTF_8), e);
    }
    if (status != 0) {
      throw new IllegalStateException("formatting " + service + " failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  /** A lost disk: the node's data dir (its partitions and its copy of the metadata log) deleted. The node must be down. */
  void wipe() throws IOException {
    if (alive()) {
      throw new IllegalStateException(service + " is running");
    }
    Path data = dir.resolve("data");
    if (Files.exists(data)) {
      try (var paths = Files.walk(data)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  void start() throws IOException {
    if (alive()) {
      throw new IllegalStateException(service + " is already running");
    }
    starts++;
    Files.writeString(log, "=== start " + starts + " at " + Instant.now() + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.security.auth.login.config=" + jaas.toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "kafka.Kafka", config.toAbsolutePath().toString());
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** SIGKILL: no controlled shutdown, no flush; waits until the process is gone. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** SIGTERM: Kafka's controlled shutdown (leaderships moved first); SIGKILL after two minutes. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log " + log + ")";
    }
  }

  @Override
  public String toString() {
    return service + " (node " + id + ")";
  }
}
