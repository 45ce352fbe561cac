package org.gongkai.api.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The {@code kafka-acls.sh --add} command lines of a deployment file or of the README, as the ACL
 * bindings they create, so that a test applies exactly what operators are told to run. Understands
 * the options those lines use: --allow-principal, --operation, --topic, --group,
 * --transactional-id, --cluster and --resource-pattern-type; shell variables are replaced from a map.
 */
public final class AclLines {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\$?\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

  private AclLines() {}

  public static List<AclBinding> in(Path file, Map<String, String> variables) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), variables);
  }

  public static List<AclBinding> parse(String text, Map<String, String> variables) {
    String joined = text.replaceAll("\\\\\\r?\\n", " ");
    List<AclBinding> bindings = new ArrayList<>();
    for (String line : joined.split("\\r?\\n")) {
      int at = line.indexOf("kafka-acls.sh");
      if (at < 0 || !line.contains("--add")) {
        continue;
      }
      bindings.addAll(command(tokens(line.substring(at), variables)));
    }
    return bindings;
  }

  private static List<AclBinding> command(List<String> args) {
    List<String> principals = new ArrayList<>();
    List<AclOperation> operations = new ArrayList<>();
    List<ResourcePattern> resources = new ArrayList<>();
    List<String[]> named = new ArrayList<>();
    PatternType patternType = PatternType.LITERAL;
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--allow-principal" -> principals.add(args.get(++i));
        case "--operation" -> operations.add(operation(args.get(++i)));
        case "--topic" -> named.add(new String[] {"TOPIC", args.get(++i)});
        case "--group" -> named.add(new String[] {"GROUP", args.get(++i)});
        case "--transactional-id" -> named.add(new String[] {"TRANSACTIONAL_ID", args.get(++i)});
        case "--cluster" -> named.add(new String[] {"CLUSTER", "kafka-cluster"});
        case "--resource-pattern-type" -> patternType = PatternType.fromString(args.get(++i).toUpperCase(Locale.ROOT));
        case "--bootstrap-server", "--command-config" -> i++;
        case "--add" -> { }
        default -> throw new IllegalArgumentException("kafka-acls.sh option this test does not know: " + arg + " in " + args);
      }
    }
    for (String[] resource : named) {
      resources.add(new ResourcePattern(ResourceType.valueOf(resource[0]), resource[1],
          resource[0].equals("CLUSTER") ? PatternType.LITERAL : patternType));
    }
    if (principals.isEmpty() || operations.isEmpty() || resources.isEmpty()) {
      throw new IllegalArgumentException("incomplete kafka-acls.sh line: " + args);
    }
    List<AclBinding> bindings = new ArrayList<>();
    for (ResourcePattern resource : resources) {
      for (String principal : principals) {
        for (AclOperation operation : operations) {
          bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
      }
    }
    return bindings;
  }

  /** "DescribeConfigs" → DESCRIBE_CONFIGS, as kafka-acls.sh reads it. */
  private static AclOperation operation(String name) {
    String upper = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    AclOperation operation = AclOperation.fromString(upper);
    if (operation == AclOperation.UNKNOWN) {
      throw new IllegalArgumentException("unknown ACL operation " + name);
    }
    return operation;
  }

  /** Splits a shell command line into words: quotes removed, variables replaced. */
  private static List<String> tokens(String line, Map<String, String> variables) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(substitute(word.toString(), variables));
          word.setLength(0);
          inWord = false;
        }
      } else if (c == ';' || c == '#') {
        break;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(substitute(word.toString(), variables));
    }
    return words;
  }

  private static String substitute(String word, Map<String, String> variables) {
    Matcher matcher = VARIABLE.matcher(word);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(matcher.group(1), matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
