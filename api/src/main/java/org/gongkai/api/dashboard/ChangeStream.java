package org.gongkai.api.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/changes}: one thread looks at the applied version every 500 ms and, when it
 * changed, sends every connected client an {@code event: change} with the version, the newest
 * event's publication time and the lag; a {@code : ping} comment every 15 s keeps idle
 * connections (and proxies) open. A new client gets the current state as its first event.
 * All sends come from that one thread, so a client's events never interleave.
 *
 * <p>The figures of an applied event are queryable once the streams commit (every 100 ms,
 * StreamsSettings): a client that reloads on a change may, rarely, read the figures of just
 * before it, and sees them on the next change or ping-free tick after.
 */
public final class ChangeStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);
  static final long TICK_MILLIS = 500;
  static final long PING_MILLIS = 15_000;
  public static final String EVENT = "change";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Freshness freshness;
  private final Queue<SseClient> clients = new ConcurrentLinkedQueue<>();
  private final Queue<SseClient> joining = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "gongkai-changes");
    thread.setDaemon(true);
    return thread;
  });
  private long sentVersion = -1;
  private long lastPing = System.nanoTime();

  public ChangeStream(Freshness freshness) {
    this.freshness = freshness;
    ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Javalin's SSE handler: keep the connection, send from the ticker. */
  public void accept(SseClient client) {
    client.keepAlive();
    client.onClose(() -> {
      clients.remove(client);
      joining.remove(client);
    });
    joining.add(client);
  }

  private void tick() {
    try {
      long version = freshness.version();
      boolean changed = version != sentVersion;
      long now = System.nanoTime();
      boolean ping = now - lastPing >= TimeUnit.MILLISECONDS.toNanos(PING_MILLIS);
      if (clients.isEmpty() && joining.isEmpty()) {
        sentVersion = version;
        return;
      }
      if (!changed && !ping && joining.isEmpty()) {
        return;
      }
      String data = JSON.writeValueAsString(freshness.change());
      if (changed) {
        sentVersion = version;
        clients.forEach(client -> client.sendEvent(EVENT, data));
      }
      if (ping) {
        lastPing = now;
        clients.forEach(client -> client.sendComment("ping"));
      }
      for (SseClient client; (client = joining.poll()) != null; ) {
        client.sendEvent(EVENT, data);
        clients.add(client);
      }
      clients.removeIf(SseClient::terminated);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("change stream tick failed", e);
    }
  }

  int clients() {
    return clients.size() + joining.size();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clients.forEach(SseClient::close);
    joining.forEach(SseClient::close);
  }
}
