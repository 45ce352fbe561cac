package org.gongkai.api.security;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.gongkai.api.InstanceRouter;

/**
 * The API's fair-share rule, as a Javalin {@code before} handler: the reports are public by law,
 * so anyone may ask, but each client gets its own token bucket ({@link TokenBucketLimiter}) so one
 * client cannot starve the others. Beyond its share a client gets 429 with {@code Retry-After}.
 *
 * <p>Who is a client: the TCP peer address, never {@code X-Forwarded-For} (anyone can write that
 * header, so trusting it would let a client pick a fresh identity per request). IPv6 clients are
 * counted per /64, the block one host or home usually holds. Behind a reverse proxy every client
 * has the proxy's address: limit there, or raise the limit here.
 *
 * <p>Requests one instance forwards to the owner of a store ({@link InstanceRouter#FORWARDED}) were
 * already counted where they came in, so they are not counted again, but only when they also carry
 * the deployment's {@link ClusterSecret}: without a secret configured, or with a wrong one, a
 * request marked as forwarded is counted like any other, so the header is no way around the limit.
 */
public final class ClientRateLimit implements Handler {
  private final TokenBucketLimiter limiter;
  private final ClusterSecret secret;

  /**
   * @param limiter the buckets, or null to let every request through
   * @param secret the deployment's secret, or null when none is configured
   */
  public ClientRateLimit(TokenBucketLimiter limiter, ClusterSecret secret) {
    this.limiter = limiter;
    this.secret = secret;
  }

  /** No limit (0 requests per second configured). */
  public static ClientRateLimit disabled() {
    return new ClientRateLimit(null, null);
  }

  /**
   * @param ratePerSecond requests per second per client; 0 disables the limit
   * @param burst requests a client may make at once, or null for twice the rate (at least 1)
   */
  public static ClientRateLimit of(double ratePerSecond, Double burst, ClusterSecret secret) {
    if (ratePerSecond == 0) {
      return new ClientRateLimit(null, secret);
    }
    double size = burst != null ? burst : Math.max(1, Math.ceil(2 * ratePerSecond));
    return new ClientRateLimit(new TokenBucketLimiter(ratePerSecond, size, System::nanoTime), secret);
  }

  public boolean enabled() {
    return limiter != null;
  }

  @Override
  public void handle(Context ctx) {
    if (limiter == null || forwardedByPeer(ctx)) {
      return;
    }
    long waitNanos = limiter.acquire(clientKey(ctx.req().getRemoteAddr()));
    if (waitNanos > 0) {
      throw HttpRefusal.tooManyRequests(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
    }
  }

  /** Marked as forwarded and carrying the cluster secret. */
  public boolean forwardedByPeer(Context ctx) {
    return secret != null && ctx.header(InstanceRouter.FORWARDED) != null && secret.matches(ctx.header(ClusterSecret.HEADER));
  }

  /** The address itself for IPv4, its /64 for IPv6. */
  static String clientKey(String remoteAddress) {
    if (remoteAddress == null) {
      return "?";
    }
    Optional<InetAddress> parsed = literal(remoteAddress);
    if (parsed.isEmpty() || parsed.get().getAddress().length != 16) {
      return remoteAddress;
    }
    byte[] bytes = parsed.get().getAddress();
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return prefix.append(":/64").toString();
  }

  /** Parses an IP literal without ever asking DNS. */
  private static Optional<InetAddress> literal(String address) {
    String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
