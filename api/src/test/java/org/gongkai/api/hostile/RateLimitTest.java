package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.ClusterSecret;
import org.gongkai.api.security.TokenBucketLimiter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fair share: a token bucket per client, 429 with Retry-After beyond it, other clients
 * unaffected, and the forwarded-request exemption only with the cluster secret.
 */
class RateLimitTest {
  private static final long SECOND = 1_000_000_000L;
  /** Any route is limited; this one answers 200 whatever the stores hold. */
  private static final String REPORT = "/openapi.json";
  private static final String SECRET = "rate-limit-test-cluster-secret";

  // ---------------------------------------------------------------- the buckets

  @Test
  void shouldAllowBurstThenRateWhenOneClientAsksFast() {
    AtomicLong now = new AtomicLong(0);
    TokenBucketLimiter limiter = new TokenBucketLimiter(2, 3, now::get);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, limiter.acquire("a"), "the burst");
    }
    long wait = limiter.acquire("a");
    assertTrue(wait > 0 && wait <= SECOND / 2, "one token every half second, wait was " + wait);
    now.addAndGet(SECOND / 4);
    assertTrue(limiter.acquire("a") > 0, "a quarter second is half a token");
    now.addAndGet(SECOND / 4);
    assertEquals(0, limiter.acquire("a"), "half a second is one token");
    assertTrue(limiter.acquire("a") > 0);
    now.addAndGet(60 * SECOND);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, limiter.acquire("a"), "refilled to the burst, not beyond");
    }
    assertTrue(limiter.acquire("a") > 0);
  }

  @Test
  void shouldKeepOtherClientsServedWhenOneIsLimited() {
    AtomicLong now = new AtomicLong(0);
    TokenBucketLimiter limiter = new TokenBucketLimiter(1, 2, now::get);
    limiter.acquire("greedy");
    limiter.acquire("greedy");
    assertTrue(limiter.acquire("greedy") > 0);
    assertEquals(0, limiter.acquire("modest"));
    assertEquals(0, limiter.acquire("modest"));
  }

  @Test
  void shouldForgetIdleClientsWhenTheirBucketsAreFull() {
    AtomicLong now = new AtomicLong(0);
    TokenBucketLimiter limiter = new TokenBucketLimiter(10, 20, now::get);
    for (int i = 0; i < 1000; i++) {
      limiter.acquire("client-" + i);
    }
    assertEquals(1000, limiter.clients());
    now.addAndGet(10 * SECOND);
    limiter.acquire("late");
    assertEquals(1, limiter.clients(), "full buckets are dropped on the sweep; only the new one is left");
  }

  @Test
  void shouldRefuseNonsenseWhenConfigured() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucketLimiter(0, 1, System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucketLimiter(-1, 1, System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucketLimiter(Double.NaN, 1, System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucketLimiter(1, 0.5, System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of("short"));
  }

  // ---------------------------------------------------------------- over HTTP

  @Test
  void shouldAnswer429WithRetryAfterToTheGreedyClientButServeAnotherClient() throws IOException {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    Assumptions.assumeTrue(canConnectFrom(other), "no second loopback address to be another client from");
    // One token every 10 s, three at once: the test cannot refill the bucket by being slow.
    try (ApiFront front = ApiFront.start(ClientRateLimit.of(0.1, 3.0, ClusterSecret.of(SECRET)), null, null)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, get(front, Map.of(), null).status(), "within the burst");
      }
      RawHttp.Answer limited = get(front, Map.of(), null);
      HostileInputCorpusTest.assertJsonError(limited, 429, "too many requests");
      int retryAfter = Integer.parseInt(limited.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);

      assertEquals(200, get(front, Map.of(), other).status(), "127.0.0.2 is another client, with its own bucket");
      assertEquals(429, get(front, Map.of("X-Forwarded-For", "203.0.113.9"), null).status(),
          "X-Forwarded-For does not make a new client");
      assertEquals(429, get(front, Map.of("X-Gongkai-Forwarded", "peer:7070"), null).status(),
          "marked as forwarded, without the secret: limited");
      assertEquals(429, get(front, Map.of("X-Gongkai-Forwarded", "peer:7070", ClusterSecret.HEADER, "wrong-secret-of-some-length"),
          null).status(), "with a wrong secret: limited");
      assertEquals(200, get(front, Map.of("X-Gongkai-Forwarded", "peer:7070", ClusterSecret.HEADER, SECRET), null).status(),
          "forwarded by a peer (the secret): counted where it came in, not again");
      assertEquals(429, get(front, Map.of(ClusterSecret.HEADER, SECRET), null).status(),
          "the secret alone does not exempt a request that was not forwarded");
    }
  }

  @Test
  void shouldLimitForwardedRequestsWhenNoSecretIsConfigured() throws IOException {
    try (ApiFront front = ApiFront.start(ClientRateLimit.of(0.1, 1.0, null), null, null)) {
      assertEquals(200, get(front, Map.of(), null).status());
      assertEquals(429, get(front, Map.of("X-Gongkai-Forwarded", "peer:7070", ClusterSecret.HEADER, SECRET), null).status(),
          "without a secret configured, the forwarded header is no way around the limit");
    }
  }

  @Test
  void shouldServeEveryoneWhenTheLimitIsZero() throws IOException {
    try (ApiFront front = ApiFront.start(ClientRateLimit.of(0, null, null), null, null)) {
      for (int i = 0; i < 50; i++) {
        assertNotEquals(429, get(front, Map.of(), null).status());
      }
    }
  }

  private static RawHttp.Answer get(ApiFront front, Map<String, String> headers, InetAddress from) throws IOException {
    return RawHttp.send(front.port(), "GET", REPORT, headers, null, from);
  }

  private static boolean canConnectFrom(InetAddress address) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(address, 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
