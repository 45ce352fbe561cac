package org.gongkai.api.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps the operators' documentation honest: every option of {@code run}, {@code publish} and {@code check}
 * and every environment variable they fall back to is in README.md's "## Configuration", and
 * the deployment files set no GONGKAI_* variable that the app does not read (a typo there would
 * be silently ignored).
 */
class ConfigurationDocumentedTest {
  /** Surefire runs in the api module's directory. */
  private static final Path ROOT = Path.of("..");
  private static final List<Class<?>> COMMANDS =
      List.of(RunCommand.class, PublishCommand.class, ImportCommand.class, CheckCommand.class);
  private static final Pattern ENV_VARIABLE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final Pattern GONGKAI_VARIABLE = Pattern.compile("\\bGONGKAI_[A-Z0-9_]+\\b");

  /** One option as declared: its names, and its default value before picocli resolves variables. */
  private record Declared(String command, List<String> names, String rawDefault) {
    List<String> envVariables() {
      List<String> variables = new ArrayList<>();
      if (rawDefault != null) {
        Matcher matcher = ENV_VARIABLE.matcher(rawDefault);
        while (matcher.find()) {
          variables.add(matcher.group(1));
        }
      }
      return variables;
    }

    /** The fallback after {@code :-}, or null (no default: the option is unset). */
    String fallback() {
      Matcher matcher = rawDefault == null ? null : ENV_VARIABLE.matcher(rawDefault);
      return matcher != null && matcher.matches() ? matcher.group(2) : rawDefault;
    }
  }

  @Test
  void shouldListEveryOptionWhenReadmeDocumentsTheConfiguration() throws IOException {
    String section = configurationSection();
    List<String> missing = new ArrayList<>();
    for (Declared option : declaredOptions()) {
      for (String name : option.names()) {
        if (!mentions(section, name)) {
          missing.add(option.command() + " " + name);
        }
      }
    }
    assertTrue(missing.isEmpty(), "options missing from README.md ## Configuration: " + missing);
  }

  @Test
  void shouldListEveryEnvironmentVariableWhenAnOptionFallsBackToOne() throws IOException {
    String section = configurationSection();
    Set<String> variables = envVariablesRead();
    assertFalse(variables.isEmpty(), "no ${env:...} default found: is interpolation still off?");
    List<String> missing = variables.stream().filter(variable -> !mentions(section, variable)).toList();
    assertTrue(missing.isEmpty(), "environment variables missing from README.md ## Configuration: " + missing);
  }

  @Test
  void shouldGiveOptionVariableAndDefaultInOneRowWhenReadmeHasATable() throws IOException {
    List<String> rows = configurationSection().lines().filter(line -> line.startsWith("|")).toList();
    List<String> wrong = new ArrayList<>();
    for (Declared option : declaredOptions()) {
      String name = option.names().get(0);
      boolean documented = rows.stream().anyMatch(row -> mentions(row, name)
          && option.envVariables().stream().allMatch(variable -> mentions(row, variable))
          && (option.fallback() == null || row.contains("`" + option.fallback() + "`")));
      if (!documented) {
        wrong.add(option.command() + " " + name + " (" + String.join(", ", option.envVariables())
            + ", default " + option.fallback() + ")");
      }
    }
    assertTrue(wrong.isEmpty(),
        "no README.md ## Configuration row gives the option with its variable and `default`: " + wrong);
  }

  @Test
  void shouldOfferAnEnvironmentVariableWhenACommandHasASetting() {
    List<String> withoutVariable = declaredOptions().stream()
        .filter(option -> option.envVariables().isEmpty())
        .map(option -> option.command() + " " + option.names().get(0))
        .toList();
    assertTrue(withoutVariable.isEmpty(),
        "options without a ${env:GONGKAI_...} default (containers cannot set them): " + withoutVariable);
  }

  @Test
  void shouldSetOnlyVariablesTheAppReadsWhenDeploymentFilesConfigureGongkai() throws IOException {
    Path compose = ROOT.resolve("docker-compose.yml");
    assertTrue(Files.isRegularFile(compose), "no " + compose.toAbsolutePath().normalize());
    Set<String> read = envVariablesRead();
    List<String> unknown = new ArrayList<>();
    for (Path file : List.of(compose, ROOT.resolve("Dockerfile"))) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Matcher matcher = GONGKAI_VARIABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (matcher.find()) {
        if (!read.contains(matcher.group())) {
          unknown.add(file.getFileName() + ": " + matcher.group());
        }
      }
    }
    assertTrue(unknown.isEmpty(), "GONGKAI_* variables that no option reads " + read + ": " + unknown);
  }

  /** The options of both commands, standard --help/--version left out. */
  private static List<Declared> declaredOptions() {
    List<Declared> options = new ArrayList<>();
    for (Class<?> command : COMMANDS) {
      // Names from the interpolated model; defaults as written, from a model that keeps ${...}.
      CommandLine resolved = new CommandLine(command);
      CommandLine raw = new CommandLine(command).setInterpolateVariables(false);
      for (OptionSpec option : resolved.getCommandSpec().options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        String rawDefault = raw.getCommandSpec().findOption(option.longestName()).defaultValue();
        options.add(new Declared(resolved.getCommandName(), List.of(option.names()), rawDefault));
      }
    }
    assertFalse(options.isEmpty(), "no options found in " + COMMANDS);
    return options;
  }

  private static Set<String> envVariablesRead() {
    Set<String> variables = new TreeSet<>();
    declaredOptions().forEach(option -> variables.addAll(option.envVariables()));
    return variables;
  }

  /** README.md from "## Configuration" to the next "## " heading. */
  private static String configurationSection() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("## Configuration");
    assertTrue(start >= 0, "README.md has no \"## Configuration\" section");
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return String.join("\n", lines.subList(start + 1, end));
  }

  /** Whether {@code text} has {@code word} on its own (so --data-dir does not count for --data). */
  private static boolean mentions(String text, String word) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text).find();
  }
}
