package org.gongkai.api.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker+controller, node id 1) running inside
 * this JVM. Used as the default broker of {@code run} and by integration tests.
 *
 * <p>Layout under the data dir:
 *
 * <ul>
 *   <li>{@code kafka/logs/} – the Kafka log dir (metadata log and topic partitions);
 *   <li>{@code kafka/server.properties} – the configuration of the last start (regenerated on
 *       every start; kept for inspection and for the storage format step);
 *   <li>{@code kafka/ports.properties} – the broker and controller ports, reused on restart;
 *   <li>{@code kafka/embedded-broker.lock} – locked while a broker runs on the data dir;
 *   <li>{@code bootstrap-servers} – "127.0.0.1:PORT" while the broker runs, deleted by {@link
 *       #close()}.
 * </ul>
 *
 * <p>The storage is formatted once with {@code kafka-storage format --standalone}: the controller
 * is a single-voter dynamic quorum (kraft.version 1) whose voter record, including the controller
 * endpoint, lives in the metadata log. If the persisted controller port is taken on a later start,
 * a new one is picked and {@code controller.quorum.bootstrap.servers} points to it; the raft leader
 * then rewrites its own voter endpoint in the metadata log.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final String BOOTSTRAP_FILE = "bootstrap-servers";
  static final String BROKER_PORT = "broker.port";
  static final String CONTROLLER_PORT = "controller.port";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /**
   * The secured mode's super user, as in docker-compose.yml: the broker authenticates clients with
   * SASL/SCRAM-SHA-512 and authorizes them with ACLs (StandardAuthorizer, nothing allowed without
   * an ACL); this user, and it alone, may do anything. Its SCRAM credential is written when the
   * storage is formatted (the brokers need it before any Admin call could create it); the
   * controller listener, where KRaft cannot use SCRAM, takes the same name and password as
   * SASL/PLAIN.
   */
  public record SuperUser(String name, String password) {
    public SuperUser {
      if (!name.matches("[A-Za-z0-9_.-]+") || !password.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("super user name and password: letters, digits, _ . - only");
      }
    }

    /** The client settings of this user. */
    public java.util.Map<String, Object> clientProperties() {
      return org.gongkai.api.security.KafkaSecurity.scram(name, password).clientProperties();
    }
  }

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path bootstrapFile;
  private final FileLock dataDirLock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedBroker(
      KafkaRaftServer server, String bootstrapServers, Path bootstrapFile, FileLock dataDirLock) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.bootstrapFile = bootstrapFile;
    this.dataDirLock = dataDirLock;
  }

  /**
   * Starts the broker on {@code dataDir}, formatting its storage first if this data dir has never
   * held one, and returns once the broker answers requests.
   */
  public static EmbeddedBroker start(Path dataDir) {
    return start(dataDir, null);
  }

  /**
   * Starts the broker in the secured mode of docker-compose.yml: SASL/SCRAM-SHA-512 and ACLs, with
   * {@code superUser} the only user allowed anything until ACLs say otherwise. The mode is fixed
   * when the data dir is formatted: use a fresh data dir.
   */
  public static EmbeddedBroker startSecured(Path dataDir, SuperUser superUser) {
    return start(dataDir, java.util.Objects.requireNonNull(superUser, "superUser"));
  }

  private static EmbeddedBroker start(Path dataDir, SuperUser superUser) {
    long started = System.nanoTime();
    try {
      Path kafkaDir = dataDir.toAbsolutePath().resolve("kafka");
      Path logDir = kafkaDir.resolve("logs");
      Files.createDirectories(logDir);
      // Held while the broker runs, so a second start on this data dir fails before it can
      // touch the ports or configuration of the running one.
      FileLock lock = lockDataDir(kafkaDir.resolve("embedded-broker.lock"));
      try {
        return start(dataDir, kafkaDir, logDir, lock, started, superUser);
      } catch (IOException | RuntimeException e) {
        releaseQuietly(lock);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded Kafka broker in " + dataDir, e);
    }
  }

  private static EmbeddedBroker start(
      Path dataDir, Path kafkaDir, Path logDir, FileLock lock, long started, SuperUser superUser)
      throws IOException {
    int[] ports = choosePorts(portsFile(dataDir));
    int brokerPort = ports[0];
    int controllerPort = ports[1];
    Properties config = serverConfig(logDir, brokerPort, controllerPort);
    if (superUser != null) {
      secure(config, brokerPort, controllerPort, superUser);
    }
    Path configFile = kafkaDir.resolve("server.properties");
    writeProperties(configFile, config, "Generated by EmbeddedBroker on every start");

    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(configFile, superUser);
    }

    KafkaRaftServer server = new KafkaRaftServer(kafkaConfig(config), Time.SYSTEM);
    String bootstrapServers = HOST + ":" + brokerPort;
    try {
      server.startup();
      awaitReady(bootstrapServers, superUser);
    } catch (RuntimeException e) {
      stopQuietly(server);
      throw e;
    }

    Path bootstrapFile = dataDir.toAbsolutePath().resolve(BOOTSTRAP_FILE);
    writeAtomically(bootstrapFile, bootstrapServers + System.lineSeparator());
    log.info(
        "Kafka broker ready at {} (controller 127.0.0.1:{}, data {}) in {} ms",
        bootstrapServers,
        controllerPort,
        logDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedBroker(server, bootstrapServers, bootstrapFile, lock);
  }

  /**
   * The bootstrap servers of a broker started on {@code dataDir} by another process, if its
   * {@code bootstrap-servers} file is there. The file is removed on clean shutdown only, so a
   * crashed broker may leave a stale one behind.
   */
  public static Optional<String> runningAt(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(BOOTSTRAP_FILE);
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::trim)
          .filter(line -> !line.isEmpty())
          .findFirst();
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** "127.0.0.1:PORT" of the PLAINTEXT listener (of the SASL listener in the secured mode). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Shuts the broker down cleanly, waits for it to stop, and removes the {@code bootstrap-servers}
   * file. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping Kafka broker at {}", bootstrapServers);
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      try {
        Files.deleteIfExists(bootstrapFile);
      } catch (IOException e) {
        log.warn("Cannot delete {}", bootstrapFile, e);
      }
      releaseQuietly(dataDirLock);
    }
    log.info("Kafka broker at {} stopped", bootstrapServers);
  }

  /** Where the chosen ports are kept ({@value #BROKER_PORT}, {@value #CONTROLLER_PORT}). */
  static Path portsFile(Path dataDir) {
    return dataDir.toAbsolutePath().resolve("kafka").resolve("ports.properties");
  }

  private static Properties serverConfig(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    p.put("log.dirs", logDir.toString());

    // A single node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");

    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "6");
    p.put("auto.create.topics.enable", "false");
    // The compaction dedupe buffer is allocated up front (128 MiB by default); 16 MiB is plenty
    // for one node and keeps the in-process broker's heap modest.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    return p;
  }

  /**
   * The secured mode, the same listeners and settings as the Kafka nodes of docker-compose.yml:
   * clients and brokers on BROKER with SCRAM-SHA-512, the controller on CONTROLLER with PLAIN,
   * ACLs by the StandardAuthorizer, the super user alone allowed without an ACL.
   */
  private static void secure(Properties p, int brokerPort, int controllerPort, SuperUser user) {
    p.put("listeners", "BROKER://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "BROKER://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    p.put("inter.broker.listener.name", "BROKER");
    p.put("listener.name.broker.sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    p.put("listener.name.broker.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user.name()
            + "\" password=\"" + user.password() + "\";");
    p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.put("sasl.mechanism.controller.protocol", "PLAIN");
    p.put("listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user.name()
            + "\" password=\"" + user.password() + "\" user_" + user.name() + "=\"" + user.password() + "\";");
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("super.users", "User:" + user.name());
    p.put("allow.everyone.if.no.acl.found", "false");
  }

  /**
   * {@code KafkaConfig.fromProps(props)}, called reflectively: KafkaConfig's superclass lives in
   * kafka-server, which kafka_2.13 puts on the runtime classpath only, so javac cannot resolve
   * KafkaConfig's static members against the compile classpath. Naming the type is fine.
   */
  private static KafkaConfig kafkaConfig(Properties props) {
    try {
      return (KafkaConfig)
          KafkaConfig.class.getMethod("fromProps", Properties.class).invoke(null, props);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Invalid Kafka configuration: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Kafka " + KafkaConfig.class.getName() + " API changed", e);
    }
  }

  /**
   * Formats the log dir as a new cluster whose only controller is this node; in the secured mode,
   * with the super user's SCRAM credential in the initial metadata.
   */
  private static void format(Path configFile, SuperUser superUser) {
    String clusterId = Uuid.randomUuid().toString();
    log.info("Formatting Kafka storage for new cluster {} ({})", clusterId, configFile.getParent());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "format", "--config", configFile.toString(), "--cluster-id", clusterId, "--standalone"));
    if (superUser != null) {
      args.addAll(java.util.List.of("--add-scram",
          "SCRAM-SHA-512=[name=" + superUser.name() + ",password=" + superUser.password() + "]"));
    }
    int status;
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(args.toArray(String[]::new), print);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Formatting Kafka storage failed: " + out.toString(StandardCharsets.UTF_8).trim(), e);
    }
    String output = out.toString(StandardCharsets.UTF_8).trim();
    if (status != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage failed (status " + status + "): " + output);
    }
    if (!output.isEmpty()) {
      log.debug("kafka-storage format: {}", output);
    }
  }

  /**
   * The ports persisted in {@code portsFile}, each replaced by a fresh free one if it is missing or
   * no longer free; the result is persisted again.
   */
  private static int[] choosePorts(Path portsFile) throws IOException {
    Properties saved = new Properties();
    if (Files.exists(portsFile)) {
      try (Reader in = Files.newBufferedReader(portsFile, StandardCharsets.UTF_8)) {
        saved.load(in);
      }
    }
    int broker = reuseOrPick(saved, BROKER_PORT, -1);
    int controller = reuseOrPick(saved, CONTROLLER_PORT, broker);
    Properties chosen = new Properties();
    chosen.put(BROKER_PORT, String.valueOf(broker));
    chosen.put(CONTROLLER_PORT, String.valueOf(controller));
    if (!chosen.equals(saved)) {
      writeProperties(portsFile, chosen, "Ports of the embedded Kafka broker, reused on restart");
    }
    return new int[] {broker, controller};
  }

  private static int reuseOrPick(Properties saved, String key, int notThis) throws IOException {
    String value = saved.getProperty(key);
    if (value != null) {
      int port = Integer.parseInt(value.trim());
      if (port != notThis && isFree(port)) {
        return port;
      }
      log.warn("Kafka {} {} is taken; picking another", key, port);
    }
    while (true) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        port = socket.getLocalPort();
      }
      if (port != notThis) {
        return port;
      }
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Blocks until an Admin client gets an answer from the broker. */
  private static void awaitReady(String bootstrapServers, SuperUser superUser) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Properties props = new Properties();
    if (superUser != null) {
      props.putAll(superUser.clientProperties());
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(props)) {
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try {
          int nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
          if (nodes > 0) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted waiting for the Kafka broker", e);
        }
        sleep(200);
      }
      throw new IllegalStateException(
          "Kafka broker at " + bootstrapServers + " not ready after " + READY_TIMEOUT, last);
    }
  }

  private static FileLock lockDataDir(Path lockFile) throws IOException {
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "Another embedded Kafka broker is already running on " + lockFile.getParent());
    }
    return lock;
  }

  private static void releaseQuietly(FileLock lock) {
    try {
      lock.channel().close(); // also releases the lock
    } catch (IOException e) {
      log.warn("Cannot release the data dir lock", e);
    }
  }

  private static void stopQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Error stopping a Kafka broker that failed to start", e);
    }
  }

  private static void writeProperties(Path file, Properties props, String comment)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      props.store(out, comment);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for the Kafka broker", e);
    }
  }
}
