package org.gongkai.api.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The credentials of the town systems that publish events over HTTP, from a file of lines
 * {@code town-code sha256-hex-of-token} ({@code #} starts a comment; blank lines are skipped). A
 * town may have several lines (a new token next to the old one while its system switches over); a
 * token may be given for several towns (one system serving them).
 *
 * <p>The file holds digests, never tokens, so reading it does not let anyone publish. That is
 * safe because tokens are long random strings ({@code openssl rand -hex 32}), not passwords a
 * person chose: a plain SHA-256 of 256 random bits cannot be reversed.
 *
 * <p>A presented token is hashed and compared with every line, in constant time and without
 * stopping at the first match, so timing tells nothing about which digests exist.
 */
public final class PublisherTokens {
  private static final Pattern TOWN = Pattern.compile("[0-9]{9}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private record Entry(String town, byte[] digest) {}

  private final List<Entry> entries;

  private PublisherTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No tokens: publishing over HTTP is disabled. */
  public static PublisherTokens none() {
    return new PublisherTokens(List.of());
  }

  /**
   * Reads the file.
   *
   * @param knownTown whether a 9-digit code is a town of the registry
   * @throws IllegalArgumentException naming the file and every bad line, when a line is malformed
   */
  public static PublisherTokens load(Path file, Predicate<String> knownTown) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(), knownTown);
  }

  /** Parses lines as {@link #load} reads them; {@code source} names them in errors. */
  public static PublisherTokens parse(List<String> lines, String source, Predicate<String> knownTown) {
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      String[] fields = content.split("\\s+");
      String where = source + " line " + (i + 1) + ": ";
      if (fields.length != 2) {
        problems.add(where + "expected \"town-code sha256-hex-of-token\", got " + fields.length + " field(s)");
      } else if (!TOWN.matcher(fields[0]).matches()) {
        problems.add(where + "\"" + shorten(fields[0]) + "\" is not a 9-digit town code");
      } else if (!knownTown.test(fields[0])) {
        problems.add(where + "town " + fields[0] + " is not in the division registry");
      } else if (!SHA256_HEX.matcher(fields[1]).matches()) {
        problems.add(where + "the second field must be the SHA-256 of the token, 64 hex digits "
            + "(printf %s \"$TOKEN\" | sha256sum), not the token itself");
      } else {
        entries.add(new Entry(fields[0], HexFormat.of().parseHex(fields[1].toLowerCase(java.util.Locale.ROOT))));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new PublisherTokens(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many lines (town, digest) were read. */
  public int size() {
    return entries.size();
  }

  /** The towns the token may publish for; empty when it is no publisher's token. */
  public Set<String> townsOf(String token) {
    byte[] presented = ClusterSecret.sha256(token == null ? "" : token);
    Set<String> towns = new TreeSet<>();
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(presented, entry.digest())) {
        towns.add(entry.town());
      }
    }
    return towns;
  }

  /** The line a publisher's token gets in the file. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(ClusterSecret.sha256(token));
  }

  private static String shorten(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }

  @Override
  public String toString() {
    return "PublisherTokens[" + entries.size() + " line(s)]";
  }
}
