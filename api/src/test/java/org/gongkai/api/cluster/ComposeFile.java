package org.gongkai.api.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as the cluster tests read it, so that what they run and what operators
 * deploy cannot drift apart: each Kafka service's environment (anchors and merge keys resolved),
 * the broker's JAAS file and the storage format of its start command, the topics kafka-init
 * creates, and the Gongkai services' environment.
 */
final class ComposeFile {
  private static final Pattern HEREDOC = Pattern.compile("cat > (\\S+) <<EOF\\n(.*?)\\n\\s*EOF", Pattern.DOTALL);
  private static final Pattern TOPIC_LOOP = Pattern.compile("for topic in ([^;]+); do");
  private static final Pattern CREATE = Pattern.compile(
      "--partitions (\\d+) --replication-factor (\\d+) --config ([a-z.]+)=([^\\s;]+)");
  private static final Pattern TOPIC_CONFIG = Pattern.compile(
      "--entity-type topics --entity-name (\\S+) --add-config ([a-z.]+)=(\\S+)");
  private static final Pattern SCRAM_USER = Pattern.compile(
      "--entity-type users --entity-name (\\S+) --add-config \"SCRAM-SHA-512=\\[iterations=(\\d+),");

  /** A topic as kafka-init creates it. */
  record Topic(String name, int partitions, short replication, Map<String, String> configs) {}

  final Path file;
  private final Map<String, Object> services;

  @SuppressWarnings("unchecked")
  private ComposeFile(Path file, Map<String, Object> root) {
    this.file = file;
    this.services = (Map<String, Object>) root.get("services");
  }

  static ComposeFile read(Path file) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(100);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Object> root = new Yaml(options).load(in);
      return new ComposeFile(file, root);
    }
  }

  /** The Kafka services, kafka-1 … in order: those whose environment sets KAFKA_NODE_ID. */
  List<String> kafkaNodes() {
    return services.keySet().stream().filter(name -> environment(name).containsKey("KAFKA_NODE_ID")).sorted().toList();
  }

  /** A service's environment, values as strings (numbers and booleans as YAML wrote them). */
  @SuppressWarnings("unchecked")
  Map<String, String> environment(String service) {
    Map<String, Object> definition = (Map<String, Object>) services.get(service);
    if (definition == null) {
      throw new IllegalArgumentException(file + " has no service " + service);
    }
    Map<String, String> env = new LinkedHashMap<>();
    Object raw = definition.get("environment");
    if (raw instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return env;
  }

  /**
   * The broker settings of a Kafka service: each KAFKA_ variable as the official image turns it
   * into server.properties (drop KAFKA_, lower case, _ becomes .), the others left out.
   */
  Map<String, String> serverProperties(String service) {
    Map<String, String> props = new LinkedHashMap<>();
    environment(service).forEach((name, value) -> {
      if (name.startsWith("KAFKA_")) {
        props.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return props;
  }

  /** The script of a service's {@code command: [/bin/bash, -c, script]}. */
  @SuppressWarnings("unchecked")
  String script(String service) {
    Object command = ((Map<String, Object>) services.get(service)).get("command");
    if (!(command instanceof List<?> words) || words.size() < 3) {
      throw new IllegalArgumentException(service + " in " + file + " has no bash -c command");
    }
    return String.valueOf(words.get(2));
  }

  /** What a service's start command writes to {@code path} with {@code cat > path <<EOF}, compose's $$ as $. */
  String heredoc(String service, String path) {
    Matcher m = HEREDOC.matcher(script(service));
    while (m.find()) {
      if (m.group(1).equals(path)) {
        return m.group(2).replace("$$", "$");
      }
    }
    throw new IllegalArgumentException(service + "'s command in " + file + " writes no " + path);
  }

  /** The topics of kafka-init: its loop's topics, created alike, and the configs it adds afterwards. */
  List<Topic> initTopics() {
    String script = script("kafka-init").replaceAll("\\\\\\r?\\n\\s*", " ");
    Matcher loop = TOPIC_LOOP.matcher(script);
    Matcher create = CREATE.matcher(script);
    if (!loop.find() || !create.find()) {
      throw new IllegalStateException("kafka-init in " + file + " no longer creates its topics in a loop");
    }
    Map<String, Map<String, String>> extra = new LinkedHashMap<>();
    Matcher config = TOPIC_CONFIG.matcher(script);
    while (config.find()) {
      extra.computeIfAbsent(config.group(1), t -> new LinkedHashMap<>()).put(config.group(2), config.group(3));
    }
    return java.util.Arrays.stream(loop.group(1).trim().split("\\s+")).map(name -> {
      Map<String, String> configs = new LinkedHashMap<>();
      configs.put(create.group(3), create.group(4));
      configs.putAll(extra.getOrDefault(name, Map.of()));
      return new Topic(name, Integer.parseInt(create.group(1)), Short.parseShort(create.group(2)), configs);
    }).toList();
  }

  /** The SCRAM users kafka-init creates, with their iterations. */
  Map<String, Integer> initUsers() {
    String script = script("kafka-init").replaceAll("\\\\\\r?\\n\\s*", " ");
    Map<String, Integer> users = new LinkedHashMap<>();
    Matcher m = SCRAM_USER.matcher(script);
    while (m.find()) {
      users.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return users;
  }
}
