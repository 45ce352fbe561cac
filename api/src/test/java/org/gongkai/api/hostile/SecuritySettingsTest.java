package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongkai.api.cli.PublishCommand;
import org.gongkai.api.cli.RunCommand;
import org.gongkai.api.security.KafkaSecurity;
import org.gongkai.api.security.PublisherTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The security settings: Kafka client credentials, the token file, and the options that refuse nonsense. */
class SecuritySettingsTest {

  @Test
  void shouldBuildScramClientSettingsWhenUsernameAndPasswordAreGiven() {
    KafkaSecurity security = KafkaSecurity.of("sasl_plaintext", null, null, "gongkai", "pa\"ss\\word");
    Map<String, Object> props = security.clientProperties();
    assertEquals("SASL_PLAINTEXT", props.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gongkai\" "
        + "password=\"pa\\\"ss\\\\word\";", props.get("sasl.jaas.config"));
    assertFalse(security.toString().contains("pa\"ss"), "the password never shows: " + security);
    assertEquals(Map.of("security.protocol", "PLAINTEXT"), KafkaSecurity.of(null, "SCRAM-SHA-512", "", " ", null).clientProperties());
    assertTrue(KafkaSecurity.of("SASL_SSL", "PLAIN", null, "u", "p").clientProperties().get("sasl.jaas.config").toString()
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required"));
  }

  @Test
  void shouldRefuseKafkaSettingsThatDoNotGoTogether() {
    assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.of("SASL_PLAINTEXT", null, null, null, null),
        "SASL without credentials");
    assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.of("SASL_PLAINTEXT", null, null, "user", null),
        "a username without a password");
    assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.of("PLAINTEXT", null, null, "user", "pw"),
        "credentials that would be ignored");
    assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.of("SASL_PLAINTEXT", null, "x required;", "user", "pw"),
        "both a JAAS line and a username");
    assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.of("KERBEROS", null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.of("SASL_SSL", "GSSAPI", null, "u", "p"));
  }

  @Test
  void shouldReadTokenDigestsPerTownWhenTheFileIsValid() {
    PublisherTokens tokens = PublisherTokens.parse(List.of(
        "# comment", "",
        "360923105 " + PublisherTokens.sha256Hex("t1") + "  # 南港镇",
        "360923100 " + PublisherTokens.sha256Hex("t1"),
        "360923105 " + PublisherTokens.sha256Hex("t2")), "f", t -> true);
    assertEquals(3, tokens.size());
    assertEquals(Set.of("360923105", "360923100"), tokens.townsOf("t1"));
    assertEquals(Set.of("360923105"), tokens.townsOf("t2"));
    assertEquals(Set.of(), tokens.townsOf("t3"));
    assertEquals(Set.of(), tokens.townsOf(null));
    assertEquals("6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b", PublisherTokens.sha256Hex("1"));
  }

  @Test
  void shouldNameEveryBadLineWhenTheTokenFileIsInvalid() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublisherTokens.parse(List.of(
        "360923105 " + PublisherTokens.sha256Hex("ok"),
        "360923105",
        "36092310x " + PublisherTokens.sha256Hex("x"),
        "999999999 " + PublisherTokens.sha256Hex("x"),
        "360923105 my-plain-token"), "tokens.txt", town -> !town.equals("999999999")));
    String message = e.getMessage();
    for (String expected : List.of("tokens.txt line 2: expected", "tokens.txt line 3: \"36092310x\" is not a 9-digit town code",
        "tokens.txt line 4: town 999999999 is not in the division registry", "tokens.txt line 5: the second field must be the SHA-256")) {
      assertTrue(message.contains(expected), expected + " in " + message);
    }
    assertFalse(message.contains("my-plain-token"), "a token by mistake in the file is not repeated in logs");
  }

  @Test
  void shouldRefuseSecuritySettingsBeforeStartingAnythingWhenRunIsMisconfigured(@TempDir Path dir) throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "bad line\n");
    for (List<String> args : List.of(
        List.of("--rate-limit", "-1"),
        List.of("--rate-limit", "NaN"),
        List.of("--rate-limit-burst", "0.5"),
        List.of("--cluster-secret", "too-short"),
        List.of("--publisher-tokens", dir.resolve("missing").toString()),
        List.of("--publisher-tokens", tokens.toString()),
        List.of("--kafka-security-protocol", "SASL_PLAINTEXT", "--bootstrap-servers", "127.0.0.1:1"),
        List.of("--kafka-username", "gongkai", "--kafka-password", "x", "--bootstrap-servers", "127.0.0.1:1"),
        List.of("--kafka-security-protocol", "SASL_PLAINTEXT", "--kafka-username", "gongkai", "--kafka-password", "x"))) {
      StringWriter err = new StringWriter();
      List<String> all = new java.util.ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
      all.addAll(args);
      int exit = new CommandLine(new RunCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
          .execute(all.toArray(String[]::new));
      assertEquals(2, exit, args + " is a usage error: " + err);
      assertFalse(err.toString().contains("Exception"), err.toString());
      assertFalse(Files.exists(dir.resolve("data").resolve("kafka")), args + " started nothing");
    }
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new PublishCommand()).setErr(new PrintWriter(err))
        .execute("--kafka-security-protocol", "SASL_SSL", "--bootstrap-servers", "127.0.0.1:1", tokens.toString());
    assertEquals(2, exit, "publish: SASL without credentials is a usage error: " + err);
    assertTrue(err.toString().contains("needs --kafka-username and --kafka-password"), err.toString());
  }
}
