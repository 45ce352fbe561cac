package org.gongkai.api.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.api.SharedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedBrokerTest {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void shouldConsumeRecordWhenProducedToSharedBroker() throws Exception {
    String bootstrap = SharedBroker.bootstrapServers();
    String topic = uniqueTopic("roundtrip");
    createTopic(bootstrap, topic, 1);

    try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
      producer.send(new ProducerRecord<>(topic, "110101001", "hello")).get(30, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, String>> records = readAll(bootstrap, topic, 1, "read_uncommitted");
    assertEquals(1, records.size());
    assertEquals("110101001", records.get(0).key());
    assertEquals("hello", records.get(0).value());
  }

  @Test
  void shouldExposeCommittedRecordWhenTransactionalProducerCommits() throws Exception {
    String bootstrap = SharedBroker.bootstrapServers();
    String topic = uniqueTopic("tx");
    createTopic(bootstrap, topic, 1);

    Map<String, Object> tx =
        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = producer(bootstrap, tx)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed"));
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> records = readAll(bootstrap, topic, 1, "read_committed");
    assertEquals(List.of("committed"), records.stream().map(ConsumerRecord::value).toList());
  }

  @Test
  void shouldCreateMissingTopicsWithRequestedPartitionsWhenEnsured() throws Exception {
    String bootstrap = SharedBroker.bootstrapServers();
    List<String> topics = List.of(uniqueTopic("ensure-a"), uniqueTopic("ensure-b"));

    TopicSetup.ensure(bootstrap, topics, 3, (short) 1);

    Map<String, TopicDescription> described = describe(bootstrap, topics);
    assertEquals(3, described.get(topics.get(0)).partitions().size());
    assertEquals(3, described.get(topics.get(1)).partitions().size());
  }

  @Test
  void shouldLeaveExistingTopicAloneWhenEnsured() throws Exception {
    String bootstrap = SharedBroker.bootstrapServers();
    String existing = uniqueTopic("existing");
    createTopic(bootstrap, existing, 2);

    TopicSetup.ensure(bootstrap, List.of(existing, uniqueTopic("new")), 5, (short) 1);

    assertEquals(2, describe(bootstrap, List.of(existing)).get(existing).partitions().size());
  }

  @Test
  void shouldKeepRecordWhenRestartedOnSameDataDir(@TempDir Path dataDir) throws Exception {
    String topic = "restart";
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      createTopic(broker.bootstrapServers(), topic, 1);
      try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers(), Map.of())) {
        producer.send(new ProducerRecord<>(topic, "k", "kept")).get(30, TimeUnit.SECONDS);
      }
    }

    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      List<ConsumerRecord<String, String>> records =
          readAll(broker.bootstrapServers(), topic, 1, "read_uncommitted");
      assertEquals(List.of("kept"), records.stream().map(ConsumerRecord::value).toList());
    }
  }

  @Test
  void shouldReuseBootstrapServersWhenRestartedOnSameDataDir(@TempDir Path dataDir) {
    String first;
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      first = broker.bootstrapServers();
    }

    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      assertEquals(first, broker.bootstrapServers());
    }
  }

  @Test
  void shouldServeOnNewPortsWhenPersistedPortsAreTaken(@TempDir Path dataDir) throws Exception {
    String topic = "moved";
    String first;
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      first = broker.bootstrapServers();
      createTopic(first, topic, 1);
    }
    Properties ports = new Properties();
    try (Reader in = Files.newBufferedReader(EmbeddedBroker.portsFile(dataDir))) {
      ports.load(in);
    }

    try (ServerSocket brokerPort = occupy(ports.getProperty(EmbeddedBroker.BROKER_PORT));
        ServerSocket controllerPort = occupy(ports.getProperty(EmbeddedBroker.CONTROLLER_PORT));
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      assertNotEquals(first, broker.bootstrapServers());
      assertTrue(listTopics(broker.bootstrapServers()).contains(topic));
    }
  }

  @Test
  void shouldPublishBootstrapServersWhenRunning(@TempDir Path dataDir) {
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      assertEquals(Optional.of(broker.bootstrapServers()), EmbeddedBroker.runningAt(dataDir));
    }
  }

  @Test
  void shouldRemoveBootstrapServersFileWhenClosed(@TempDir Path dataDir) {
    EmbeddedBroker.start(dataDir).close();

    assertEquals(Optional.empty(), EmbeddedBroker.runningAt(dataDir));
  }

  @Test
  void shouldRefuseSecondBrokerWhenDataDirIsInUse(@TempDir Path dataDir) {
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      assertThrows(IllegalStateException.class, () -> EmbeddedBroker.start(dataDir));
    }
  }

  @Test
  void shouldFindNoBrokerWhenDataDirNeverHeldOne(@TempDir Path dataDir) throws IOException {
    Files.writeString(dataDir.resolve("unrelated"), "x", StandardCharsets.UTF_8);

    assertEquals(Optional.empty(), EmbeddedBroker.runningAt(dataDir));
  }

  private static String uniqueTopic(String prefix) {
    return "test." + prefix + "." + UUID.randomUUID();
  }

  private static ServerSocket occupy(String port) throws IOException {
    return new ServerSocket(Integer.parseInt(port), 1, InetAddress.getByName("127.0.0.1"));
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static void createTopic(String bootstrap, String topic, int partitions)
      throws Exception {
    try (Admin admin = admin(bootstrap)) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<String, TopicDescription> describe(String bootstrap, List<String> topics)
      throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
    }
  }

  private static java.util.Set<String> listTopics(String bootstrap) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> producer(
      String bootstrap, Map<String, Object> extra) {
    Map<String, Object> config = new java.util.HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** Reads {@code expected} records of partition 0 from the beginning, or what came in time. */
  private static List<ConsumerRecord<String, String>> readAll(
      String bootstrap, String topic, int expected, String isolation) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
