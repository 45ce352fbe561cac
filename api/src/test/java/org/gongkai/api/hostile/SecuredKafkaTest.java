package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.GongkaiApp;
import org.gongkai.api.broker.EmbeddedBroker;
import org.gongkai.api.broker.TopicSetup;
import org.gongkai.api.cli.PublishCommand;
import org.gongkai.api.security.ClusterSecret;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.StreamsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Kafka set up as docker-compose.yml sets it up, on an embedded broker of its own (not the shared
 * one): SASL/SCRAM-SHA-512, ACLs with nothing allowed by default, `admin` the only super user.
 * The ACLs are the {@code kafka-acls.sh --add} lines of docker-compose.yml (the app) and of
 * README.md "## Security" (a town publisher), applied as written. A publisher's credential writes
 * an input topic but can neither read the input topics nor write anywhere else; the app, as
 * `gongkai` and not a super user, runs on its ACLs alone.
 */
class SecuredKafkaTest {
  private static final Path ROOT = Path.of("..");
  private static final EmbeddedBroker.SuperUser ADMIN = new EmbeddedBroker.SuperUser("admin", "admin-secret-0123");
  private static final String APP_PASSWORD = "app-secret-0123";
  private static final String PUBLISHER = "publisher-360923105";
  private static final String PUBLISHER_PASSWORD = "publisher-secret-0123";
  private static final String HTTP_TOKEN = "secured-test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path dir;
  private static EmbeddedBroker broker;
  private static List<AclBinding> acls;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("gongkai-secured-broker-");
    broker = EmbeddedBroker.startSecured(dir.resolve("data"), ADMIN);
    // What kafka-init does as admin: the topics, the app's user and its ACLs; then a town
    // publisher as README.md says. SCRAM credentials through Admin#alterUserScramCredentials.
    TopicSetup.ensure(broker.bootstrapServers(), ADMIN.clientProperties(), Topics.allNames(), 2, (short) 1);
    acls = new ArrayList<>(AclLines.in(ROOT.resolve("docker-compose.yml"), Map.of()));
    int appAcls = acls.size();
    acls.addAll(AclLines.parse(readmeSecurity(), Map.of("TOWN", "360923105")));
    assertTrue(appAcls >= 4 && acls.size() > appAcls, "ACL lines found in docker-compose.yml and README.md: " + acls);
    try (Admin admin = Admin.create(props(ADMIN.clientProperties()))) {
      ScramCredentialInfo scram = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
      admin.alterUserScramCredentials(List.of(
          new UserScramCredentialUpsertion("gongkai", scram, APP_PASSWORD),
          new UserScramCredentialUpsertion(PUBLISHER, scram, PUBLISHER_PASSWORD))).all().get();
      admin.createAcls(acls).all().get();
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (broker != null) {
      broker.close();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void shouldLetAPublisherWriteInputTopicsButNotReadThemNorWriteElsewhere() throws Exception {
    // `gongkai publish` with the town system's own credential
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"type\":\"request.received\",\"eventId\":\"p-1\",\"town\":\"650102002\",\"requestId\":\"R-1\","
        + "\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}\n"
        + "{\"type\":\"year.closed\",\"eventId\":\"p-2\",\"town\":\"650102002\",\"year\":2020}\n", StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
        "--bootstrap-servers", broker.bootstrapServers(), "--kafka-security-protocol", "SASL_PLAINTEXT",
        "--kafka-username", PUBLISHER, "--kafka-password", PUBLISHER_PASSWORD, "--no-wait", file.toString());
    assertEquals(0, exit, "publish as the publisher: " + err);
    assertTrue(out.toString().contains("published 2 events"), out.toString());

    Map<String, Object> publisher = KafkaSecurity.scram(PUBLISHER, PUBLISHER_PASSWORD).clientProperties();
    try (KafkaProducer<String, byte[]> producer = producer(publisher)) {
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "650102002", new byte[] {1})).get();
      for (String topic : List.of(Topics.DEAD_LETTERS.name(), "gongkai-entities-changelog",
          "gongkai-town-year-tallies-changelog", "gongkai-receipts-changelog", "some-other-topic")) {
        ExecutionException refused = assertThrows(ExecutionException.class,
            () -> producer.send(new ProducerRecord<>(topic, "650102002", new byte[] {1})).get(), topic);
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), "writing " + topic);
      }
    }
    try (KafkaConsumer<String, byte[]> consumer = consumer(publisher, PUBLISHER)) {
      consumer.subscribe(List.of(Topics.EVENTS.name()));
      assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)),
          "reading with a consumer group");
    }
    try (KafkaConsumer<String, byte[]> consumer = consumer(publisher, null)) {
      for (String topic : List.of(Topics.EVENTS.name(), "gongkai-receipts-changelog", Topics.DEAD_LETTERS.name())) {
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(consumer.assignment());
        assertThrows(TopicAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)), "reading " + topic);
      }
    }
    try (Admin admin = Admin.create(props(publisher))) {
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> admin.createTopics(List.of(new NewTopic("gongkai.sneaky", 1, (short) 1))).all().get());
      assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), "creating a topic");
    }
    try (KafkaProducer<String, byte[]> producer = producer(KafkaSecurity.scram(PUBLISHER, "wrong").clientProperties())) {
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "650102002", new byte[] {1})).get());
      assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), "a wrong password");
    }
  }

  @Test
  void shouldRunTheAppOnItsOwnAclsWhenItIsNotASuperUser() throws Exception {
    Path tokens = Files.writeString(dir.resolve("publisher-tokens"), "360923105 " + PublisherTokens.sha256Hex(HTTP_TOKEN) + "\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GongkaiApp.Security security = new GongkaiApp.Security(KafkaSecurity.scram("gongkai", APP_PASSWORD), 50, null,
        ClusterSecret.of("secured-test-cluster-secret"), tokens);
    try (GongkaiApp app = GongkaiApp.start(new GongkaiApp.Config(StreamsSettings.APPLICATION_ID, broker.bootstrapServers(),
        "localhost", port, dir.resolve("streams"), 2, (short) 1, 0, 1), ApiFront.registry(), security)) {
      app.awaitRunning(Duration.ofMinutes(2));
      // The town system publishes the reference events with its own credential, and, since it may
      // only write the input topic, gets its receipt from the API with the town's token ...
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = new CommandLine(new PublishCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
          "--bootstrap-servers", broker.bootstrapServers(), "--kafka-security-protocol", "SASL_PLAINTEXT",
          "--kafka-username", PUBLISHER, "--kafka-password", PUBLISHER_PASSWORD,
          "--api", "http://localhost:" + port, "--token", HTTP_TOKEN, "--wait-timeout", "120",
          ROOT.resolve("seeds/events/360923105-2020.jsonl").toString());
      assertEquals(0, exit, "publish with the receipt from the API: " + out + err);
      assertTrue(out.toString().contains("  2020: 179 accepted, 0 late, 0 duplicates, 0 rejected"), out.toString());
      assertTrue(out.toString().contains("all 179 events applied"), out.toString());
      // ... and the app, as gongkai, reads them, keeps its stores and answers.
      JsonNode report = await(port, "/api/v1/towns/360923105/reports/2020",
          r -> r.at("/proactive/procurement/projects").asInt() == 177);
      assertEquals(177, report.at("/proactive/procurement/projects").asInt(), report.toString());
      assertEquals("145.6381", report.at("/proactive/procurement/amount").asText());

      // Publishing over HTTP goes through the app's own Kafka credential.
      RawHttp.Answer published = RawHttp.send(port, "POST", "/api/v1/towns/360923105/events",
          Map.of("Authorization", "Bearer " + HTTP_TOKEN),
          ("{\"type\":\"request.received\",\"eventId\":\"http-1\",\"town\":\"360923105\",\"requestId\":\"HTTP-R1\","
              + "\"date\":\"2021-02-01\",\"applicant\":\"natural_person\"}\n").getBytes(StandardCharsets.UTF_8), null);
      assertEquals(202, published.status(), published.toString());
      JsonNode next = await(port, "/api/v1/towns/360923105/reports/2021",
          r -> r.at("/requests/rows/received/natural_person").asInt() == 1);
      assertEquals(1, next.at("/requests/rows/received/natural_person").asInt(), next.toString());
      String receipt = JSON.readTree(published.body()).get("receipt").asText();
      RawHttp.Answer answer = RawHttp.send(port, "GET", receipt, Map.of("Authorization", "Bearer " + HTTP_TOKEN), null, null);
      assertEquals(200, answer.status(), answer.toString());
      assertEquals(1, JSON.readTree(answer.body()).at("/years/0/accepted").asInt(), answer.toString());
      assertEquals(401, RawHttp.send(port, "GET", receipt, Map.of(), null, null).status(), "a receipt needs the token");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode await(int port, String path, Predicate<JsonNode> condition) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    JsonNode last = JSON.createObjectNode();
    while (Instant.now().isBefore(deadline)) {
      RawHttp.Answer answer = RawHttp.get(port, path);
      if (answer.status() == 200) {
        last = JSON.readTree(answer.body());
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    return last;
  }

  private static String readmeSecurity() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("## Security");
    assertTrue(start >= 0, "README.md has a ## Security section");
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return String.join("\n", lines.subList(start, end));
  }

  private static Properties props(Map<String, Object> security) {
    Properties props = new Properties();
    props.putAll(security);
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("default.api.timeout.ms", 20_000);
    props.put("request.timeout.ms", 10_000);
    return props;
  }

  private static KafkaProducer<String, byte[]> producer(Map<String, Object> security) {
    Properties props = props(security);
    props.remove("default.api.timeout.ms");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(Map<String, Object> security, String group) {
    Properties props = props(security);
    if (group != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
