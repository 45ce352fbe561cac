package org.gongkai.api.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclBinding;
import org.gongkai.api.hostile.AclLines;
import org.gongkai.api.security.KafkaSecurity;

/**
 * The three Kafka nodes of docker-compose.yml as processes, set up as kafka-init sets them up:
 * its topics, the app's SCRAM user and ACLs (its {@code kafka-acls.sh} lines), and town
 * publishers as README.md "## Security" says. Faults are done to {@link KafkaNode}s; the cluster
 * answers who leads what and whether every replica is back in sync.
 */
final class KafkaCluster implements AutoCloseable {
  static final String ADMIN = "admin";
  private static final Pattern HOST_PORT = Pattern.compile("(kafka-(\\d+)):(\\d+)");
  private static final Pattern OWN_LISTENER = Pattern.compile("([A-Z_]+)://:(\\d+)");

  final ComposeFile compose;
  final List<KafkaNode> nodes = new ArrayList<>();
  final String adminPassword;
  private final String clusterId;
  /** controller.quorum.voters on this machine: id@127.0.0.1:port,… */
  private String voters;
  private final Admin admin;

  private KafkaCluster(ComposeFile compose, Path root, String adminPassword) throws IOException {
    this.compose = compose;
    this.adminPassword = adminPassword;
    List<String> services = compose.kafkaNodes();
    // every node's listener ports on this machine: service → listener port in compose → local port
    Map<String, Map<String, Integer>> ports = new HashMap<>();
    for (String service : services) {
      Map<String, Integer> own = new HashMap<>();
      Matcher m = OWN_LISTENER.matcher(compose.serverProperties(service).get("listeners"));
      while (m.find()) {
        own.put(m.group(2), org.gongkai.api.crash.AppProcess.freePort());
      }
      ports.put(service, own);
    }
    for (String service : services) {
      Properties settings = new Properties();
      for (var entry : compose.serverProperties(service).entrySet()) {
        settings.put(entry.getKey(), local(entry.getValue(), service, ports));
      }
      int id = Integer.parseInt(settings.getProperty("node.id"));
      voters = settings.getProperty("controller.quorum.voters");
      String brokerListener = settings.getProperty("inter.broker.listener.name");
      int brokerPort = ports.get(service).get(composePort(compose, service, brokerListener));
      String jaas = compose.heredoc(service, "/tmp/kafka_jaas.conf").replace("${ADMIN_PASSWORD}", adminPassword);
      nodes.add(new KafkaNode(id, service, brokerPort, root.resolve(service), settings, jaas));
    }
    clusterId = compose.environment(services.get(0)).get("CLUSTER_ID");
    for (KafkaNode node : nodes) {
      node.format(clusterId, ADMIN, adminPassword);
    }
    admin = Admin.create(adminProperties());
  }

  /** The compose port of a service's listener, e.g. 9092 for BROKER. */
  private static String composePort(ComposeFile compose, String service, String listener) {
    Matcher m = OWN_LISTENER.matcher(compose.serverProperties(service).get("listeners"));
    while (m.find()) {
      if (m.group(1).equals(listener)) {
        return m.group(2);
      }
    }
    throw new IllegalStateException(service + " has no listener " + listener);
  }

  /** A compose value on this machine: kafka-N:PORT and NAME://:PORT become 127.0.0.1 and the local port. */
  private static String local(String value, String self, Map<String, Map<String, Integer>> ports) {
    Matcher hosts = HOST_PORT.matcher(value);
    StringBuilder out = new StringBuilder();
    while (hosts.find()) {
      Integer port = ports.getOrDefault(hosts.group(1), Map.of()).get(hosts.group(3));
      hosts.appendReplacement(out, port == null ? hosts.group() : "127.0.0.1:" + port);
    }
    hosts.appendTail(out);
    Matcher own = OWN_LISTENER.matcher(out.toString());
    StringBuilder result = new StringBuilder();
    while (own.find()) {
      own.appendReplacement(result, own.group(1) + "://127.0.0.1:" + ports.get(self).get(own.group(2)));
    }
    own.appendTail(result);
    return result.toString();
  }

  /** A lost disk replaced: the node's data deleted and formatted again as its start command does on an empty volume. */
  void replaceDisk(KafkaNode node) throws IOException {
    node.wipe();
    node.format(clusterId, ADMIN, adminPassword);
  }

  /** Formats and starts the nodes, and waits until all of them are registered brokers. */
  static KafkaCluster start(ComposeFile compose, Path root, String adminPassword) throws IOException, InterruptedException {
    KafkaCluster cluster = new KafkaCluster(compose, root, adminPassword);
    try {
      for (KafkaNode node : cluster.nodes) {
        node.start();
      }
      cluster.awaitBrokers(cluster.nodes.size(), Duration.ofMinutes(3));
      return cluster;
    } catch (IOException | RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort).collect(Collectors.joining(","));
  }

  Map<String, Object> adminProperties() {
    Map<String, Object> props = new HashMap<>(KafkaSecurity.scram(ADMIN, adminPassword).clientProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return props;
  }

  Admin admin() {
    return admin;
  }

  KafkaNode node(int id) {
    return nodes.stream().filter(n -> n.id == id).findFirst().orElseThrow();
  }

  /**
   * What kafka-init does: its topics, its users with their passwords, the ACL lines of
   * docker-compose.yml and of README.md (for each publisher town); and the publishers' users.
   */
  void init(Map<String, String> passwords, String readmeSecurity, List<String> publisherTowns)
      throws InterruptedException, ExecutionException {
    List<NewTopic> topics = new ArrayList<>();
    for (ComposeFile.Topic topic : compose.initTopics()) {
      topics.add(new NewTopic(topic.name(), topic.partitions(), topic.replication()).configs(topic.configs()));
    }
    admin.createTopics(topics).all().get();
    List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> users = new ArrayList<>();
    compose.initUsers().forEach((user, iterations) -> users.add(new UserScramCredentialUpsertion(user,
        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, iterations), require(passwords, user))));
    List<AclBinding> acls = new ArrayList<>();
    try {
      acls.addAll(AclLines.in(compose.file, Map.of()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (String town : publisherTowns) {
      String user = "publisher-" + town;
      users.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
          require(passwords, user)));
      acls.addAll(AclLines.parse(readmeSecurity, Map.of("TOWN", town)));
    }
    admin.alterUserScramCredentials(users).all().get();
    admin.createAcls(acls).all().get();
    awaitInSync(Duration.ofMinutes(2));
  }

  private static String require(Map<String, String> passwords, String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no password for Kafka user " + user);
    }
    return password;
  }

  // ------------------------------------------------------------------ who leads what

  /** The node that leads the partition now. */
  int leaderOf(String topic, int partition) throws InterruptedException, ExecutionException {
    return answer(() -> {
      TopicPartitionInfo info = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
          .partitions().get(partition);
      if (info.leader() == null || info.leader().isEmpty()) {
        throw new ExecutionException(new IllegalStateException(topic + "-" + partition + " has no leader"));
      }
      return info.leader().id();
    });
  }

  /** An admin call that a broker just restarted may drop (disconnected, timed out): asked again for a minute. */
  private static <T> T answer(java.util.concurrent.Callable<T> call) throws InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        return call.call();
      } catch (ExecutionException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      } catch (InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new ExecutionException(e);
      }
      Thread.sleep(500);
    }
  }

  /**
   * The node of the KRaft quorum's leader: the active controller. Asked with a new client each
   * time, of the controllers themselves (bootstrap.controllers, SASL/PLAIN as on their listener)
   * and of the brokers in turn: just after brokers restart, a client's call may hang on a
   * connection that is gone (seen both ways).
   */
  int activeController() throws InterruptedException, ExecutionException {
    Map<String, Object> controllers = new HashMap<>();
    controllers.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, voters.replaceAll("\\d+@", ""));
    controllers.put("security.protocol", "SASL_PLAINTEXT");
    controllers.put("sasl.mechanism", "PLAIN");
    controllers.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + ADMIN + "\" password=\"" + adminPassword + "\";");
    Map<String, Object> brokers = new HashMap<>(adminProperties());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    ExecutionException last = null;
    for (int attempt = 0; Instant.now().isBefore(deadline); attempt++) {
      Map<String, Object> props = new HashMap<>(attempt % 2 == 0 ? controllers : brokers);
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 8_000);
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
      try (Admin client = Admin.create(props)) {
        return client.describeMetadataQuorum().quorumInfo().get().leaderId();
      } catch (ExecutionException e) {
        last = e;
      }
      Thread.sleep(500);
    }
    throw last;
  }

  TopicDescription describe(String topic) throws InterruptedException, ExecutionException {
    return answer(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
  }

  /** Waits until the cluster has this many live brokers. */
  void awaitBrokers(int count, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        Set<Integer> live = admin == null ? Set.of() : admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)
            .stream().map(Node::id).collect(Collectors.toSet());
        if (live.size() >= count) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        // not yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not " + count + " brokers after " + timeout + "\n" + logTails());
      }
      Thread.sleep(250);
    }
  }

  /**
   * Waits until a restarted node serves again and holds every partition it is a replica of: it
   * answers on its own listener, and its log dirs report each of its replicas (after a lost disk:
   * copied back from the others). The cluster's view alone is not enough: a node down for less
   * than the broker session and replica lag timeouts is still listed as live and in sync.
   */
  Duration awaitCaughtUp(KafkaNode node, Duration timeout) throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    Map<String, Object> own = new HashMap<>(adminProperties());
    own.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + node.brokerPort);
    String missing = "no answer";
    try (Admin direct = Admin.create(own)) {
      while (Instant.now().isBefore(deadline)) {
        if (!node.alive()) {
          throw new IllegalStateException(node + " exited\n" + node.logTail());
        }
        try {
          direct.describeCluster().nodes().get(10, TimeUnit.SECONDS);
          Set<String> expected = new TreeSet<>();
          Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
              .names().get(10, TimeUnit.SECONDS);
          for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
              if (p.replicas().stream().anyMatch(r -> r.id() == node.id)) {
                expected.add(topic.name() + "-" + p.partition());
              }
            }
          }
          Set<String> held = new TreeSet<>();
          admin.describeLogDirs(List.of(node.id)).allDescriptions().get(10, TimeUnit.SECONDS).getOrDefault(node.id, Map.of())
              .values().forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                if (info.offsetLag() == 0) {
                  held.add(tp.topic() + "-" + tp.partition());
                }
              }));
          expected.removeAll(held);
          if (expected.isEmpty()) {
            return Duration.between(start, Instant.now());
          }
          missing = expected.size() + " replicas not in its log dirs yet, e.g. " + expected.stream().limit(5).toList();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          missing = String.valueOf(e.getMessage());
        }
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException(node + " not caught up after " + timeout + ": " + missing + "\n" + node.logTail());
  }

  /**
   * Waits until every partition of every topic has all its replicas in sync: the state a
   * rolling bounce waits for before the next broker. Returns how long it took.
   */
  Duration awaitInSync(Duration timeout) throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    String lagging = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
            .names().get(10, TimeUnit.SECONDS);
        Set<String> behind = new TreeSet<>();
        for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
          for (TopicPartitionInfo p : topic.partitions()) {
            if (p.leader() == null || p.leader().isEmpty() || p.isr().size() < p.replicas().size()) {
              behind.add(topic.name() + "-" + p.partition());
            }
          }
        }
        if (behind.isEmpty()) {
          return Duration.between(start, Instant.now());
        }
        lagging = behind.size() + " partitions, e.g. " + behind.stream().limit(5).toList();
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        lagging = String.valueOf(e.getMessage());
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("replicas not in sync after " + timeout + ": " + lagging + "\n" + logTails());
  }

  String logTails() {
    return nodes.stream().map(KafkaNode::logTail).collect(Collectors.joining("\n"));
  }

  /** Which nodes run. */
  Map<String, Boolean> alive() {
    Map<String, Boolean> alive = new LinkedHashMap<>();
    nodes.forEach(n -> alive.put(n.service, n.alive()));
    return alive;
  }

  @Override
  public void close() throws InterruptedException {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    for (KafkaNode node : nodes) {
      node.kill();
    }
  }

  static String readText(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
