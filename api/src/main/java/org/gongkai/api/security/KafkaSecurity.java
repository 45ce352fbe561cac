package org.gongkai.api.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How Gongkai's Kafka clients (the streams, their admin client, the publisher's producer)
 * authenticate: nothing ({@code PLAINTEXT}, the embedded broker), or SASL with SCRAM (or PLAIN)
 * credentials, over plain TCP or TLS. The credentials are a username and password, from which the
 * JAAS line is built, or a whole JAAS line for other login modules.
 *
 * <p>{@code SASL_SSL} and {@code SSL} trust what the JVM trusts (its cacerts, or
 * {@code -Djavax.net.ssl.trustStore=…} through {@code JAVA_TOOL_OPTIONS}).
 *
 * <p>{@link #toString()} never shows the password or the JAAS line.
 */
public final class KafkaSecurity {
  public static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  public static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");
  public static final KafkaSecurity NONE = new KafkaSecurity("PLAINTEXT", null, null, null);

  private final String protocol;
  private final String mechanism;
  private final String jaasConfig;
  private final String principal;

  private KafkaSecurity(String protocol, String mechanism, String jaasConfig, String principal) {
    this.protocol = protocol;
    this.mechanism = mechanism;
    this.jaasConfig = jaasConfig;
    this.principal = principal;
  }

  /**
   * Checks and combines the settings of {@link KafkaSecurityOptions}; blank values count as unset.
   *
   * @throws IllegalArgumentException saying which settings do not go together
   */
  public static KafkaSecurity of(String protocol, String mechanism, String jaasConfig, String username, String password) {
    String proto = blankToNull(protocol) == null ? "PLAINTEXT" : protocol.strip().toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(proto)) {
      throw new IllegalArgumentException("--kafka-security-protocol must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, "
          + "SASL_SSL, was " + protocol);
    }
    String jaas = blankToNull(jaasConfig);
    String user = blankToNull(username);
    String pass = blankToNull(password);
    boolean sasl = proto.startsWith("SASL_");
    if (!sasl) {
      if (jaas != null || user != null || pass != null) {
        throw new IllegalArgumentException("Kafka credentials (--kafka-username, --kafka-password, "
            + "--kafka-sasl-jaas-config) need --kafka-security-protocol SASL_PLAINTEXT or SASL_SSL, not " + proto);
      }
      return new KafkaSecurity(proto, null, null, null);
    }
    String mech = blankToNull(mechanism) == null ? "SCRAM-SHA-512" : mechanism.strip().toUpperCase(Locale.ROOT);
    if (!MECHANISMS.contains(mech)) {
      throw new IllegalArgumentException("--kafka-sasl-mechanism must be one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN, was "
          + mechanism);
    }
    if (jaas != null && (user != null || pass != null)) {
      throw new IllegalArgumentException("give either --kafka-sasl-jaas-config or --kafka-username and --kafka-password, not both");
    }
    if (jaas != null) {
      return new KafkaSecurity(proto, mech, jaas, "(from the JAAS config)");
    }
    if (user == null || pass == null) {
      throw new IllegalArgumentException(proto + " needs --kafka-username and --kafka-password "
          + "(GONGKAI_KAFKA_USERNAME, GONGKAI_KAFKA_PASSWORD) or --kafka-sasl-jaas-config");
    }
    return new KafkaSecurity(proto, mech, jaasLine(mech, user, pass), user);
  }

  /** SCRAM-SHA-512 over SASL_PLAINTEXT: what docker-compose.yml and the embedded broker's secured mode use. */
  public static KafkaSecurity scram(String username, String password) {
    return of("SASL_PLAINTEXT", "SCRAM-SHA-512", null, username, password);
  }

  public boolean isSecured() {
    return !protocol.equals("PLAINTEXT");
  }

  /** The client settings to add to any Kafka client's configuration (streams, admin, producer, consumer). */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
    if (mechanism != null) {
      props.put(SaslConfigs.SASL_MECHANISM, mechanism);
      props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig);
    }
    return props;
  }

  /** Adds {@link #clientProperties()} to {@code props} and returns it. */
  public Properties addTo(Properties props) {
    props.putAll(clientProperties());
    return props;
  }

  /** The JAAS line of a username and password for the mechanism's login module, values escaped. */
  static String jaasLine(String mechanism, String username, String password) {
    String module = mechanism.startsWith("SCRAM-")
        ? "org.apache.kafka.common.security.scram.ScramLoginModule"
        : "org.apache.kafka.common.security.plain.PlainLoginModule";
    return module + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return mechanism == null ? "KafkaSecurity[" + protocol + "]"
        : "KafkaSecurity[" + protocol + ", " + mechanism + ", user " + principal + "]";
  }
}
