package org.gongkai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster: {@code initdb} into a new folder, {@code pg_ctl start} on a free
 * port (TCP on localhost, trust authentication, default settings otherwise), {@code pg_ctl stop}
 * and the folder deleted on close. PostgreSQL refuses to run as root, so as root the commands run
 * as the {@code postgres} user ({@code runuser -u postgres}) and the folder is given to it.
 */
final class PostgresCluster implements AutoCloseable {
  static final String USER = "bench";
  private final Path bin;
  private final Path dir;
  private final List<String> asUser;
  final int port;
  final String version;

  private PostgresCluster(Path bin, Path dir, List<String> asUser, int port, String version) {
    this.bin = bin;
    this.dir = dir;
    this.asUser = asUser;
    this.port = port;
    this.version = version;
  }

  /** The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, else /usr/local/bin or /usr/bin. */
  static Optional<Path> binaries() {
    List<Path> candidates = new ArrayList<>();
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        versions.map(v -> v.resolve("bin"))
            .sorted(Comparator.comparing((Path p) -> versionNumber(p.getParent().getFileName().toString())).reversed())
            .forEach(candidates::add);
      } catch (IOException e) {
        // none there
      }
    }
    candidates.add(Path.of("/usr/local/bin"));
    candidates.add(Path.of("/usr/bin"));
    return candidates.stream()
        .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
        .findFirst();
  }

  private static int versionNumber(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static PostgresCluster start(Path bin, int port) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("gongkai-bench-pg");
    List<String> asUser = List.of();
    if ("root".equals(System.getProperty("user.name"))) {
      asUser = List.of("runuser", "-u", "postgres", "--");
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal postgres = users.lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    Path data = dir.resolve("data");
    PostgresCluster cluster = new PostgresCluster(bin, dir, asUser, port, "");
    cluster.run(120, "initdb", "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
    cluster.run(120, "pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=localhost", "start");
    String version = cluster.run(30, "postgres", "--version").trim();
    return new PostgresCluster(bin, dir, asUser, port, version);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  private String run(int timeoutSeconds, String tool, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(asUser);
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    // pg_ctl start leaves the server holding no pipe of ours (-l), so reading to the end returns
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.trim());
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(120, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    } finally {
      NationalBenchmark.deleteTree(dir);
    }
  }
}
