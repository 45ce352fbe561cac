package org.gongkai.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the instances of one deployment share, sent with every request one instance forwards
 * to another ({@link #HEADER}). It is what makes {@code X-Gongkai-Forwarded} trustworthy: an
 * outsider can set that header but does not know the secret, so a request is treated as forwarded
 * by a peer (and not rate-limited a second time) only when it carries both.
 *
 * <p>Compared in constant time, as SHA-256 digests, so neither the content nor the length of the
 * secret leaks through timing.
 */
public final class ClusterSecret {
  public static final String HEADER = "X-Gongkai-Cluster-Secret";
  /** Long enough not to be guessed within any rate limit. */
  public static final int MIN_LENGTH = 16;

  private final String secret;
  private final byte[] digest;

  private ClusterSecret(String secret) {
    this.secret = secret;
    this.digest = sha256(secret);
  }

  /**
   * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_LENGTH} characters
   */
  public static ClusterSecret of(String secret) {
    if (secret == null || secret.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the cluster secret must have at least " + MIN_LENGTH
          + " characters (e.g. openssl rand -hex 32)");
    }
    return new ClusterSecret(secret.strip());
  }

  /** The value to send in {@link #HEADER}. */
  public String value() {
    return secret;
  }

  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ClusterSecret[hidden]";
  }
}
