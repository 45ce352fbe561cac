package org.gongkai.api.security;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The Kafka client security settings of {@code run} and {@code publish} (a picocli mixin), each
 * also from a GONGKAI_* environment variable. Prefer the variables for the password and the JAAS
 * line: command-line arguments are visible to every user of the machine ({@code ps}).
 */
public final class KafkaSecurityOptions {

  @Option(names = "--kafka-security-protocol", defaultValue = "${env:GONGKAI_KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}",
      description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. Env GONGKAI_KAFKA_SECURITY_PROTOCOL; default ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--kafka-sasl-mechanism", defaultValue = "${env:GONGKAI_KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}",
      description = "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (with SASL_*). Env GONGKAI_KAFKA_SASL_MECHANISM; default ${DEFAULT-VALUE}.")
  String mechanism;

  @Option(names = "--kafka-sasl-jaas-config", defaultValue = "${env:GONGKAI_KAFKA_SASL_JAAS_CONFIG}",
      description = "A whole sasl.jaas.config line, instead of --kafka-username/--kafka-password. "
          + "Env GONGKAI_KAFKA_SASL_JAAS_CONFIG.")
  String jaasConfig;

  @Option(names = "--kafka-username", defaultValue = "${env:GONGKAI_KAFKA_USERNAME}",
      description = "SASL username (with SASL_*). Env GONGKAI_KAFKA_USERNAME.")
  String username;

  @Option(names = "--kafka-password", defaultValue = "${env:GONGKAI_KAFKA_PASSWORD}",
      description = "SASL password; prefer the environment variable GONGKAI_KAFKA_PASSWORD.")
  String password;

  /** The checked settings; a bad combination is a usage error of the command. */
  public KafkaSecurity security(CommandSpec spec) {
    try {
      return KafkaSecurity.of(protocol, mechanism, jaasConfig, username, password);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
