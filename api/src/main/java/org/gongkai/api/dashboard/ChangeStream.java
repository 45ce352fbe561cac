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
 * {@code /api/v1/changes}: one thread looks at the applied version four times a second and, when
 * it changed, sends every connected client an {@code event: change} with the version, the newest
 * event's publication time and the lag, at most every 500 ms; a {@code : ping} comment every
 * 15 s keeps idle connections (and proxies) open. A new client gets the current state as its
 * first event. All sends come from that one thread, so a client's events never interleave.
 *
 * <p>Why a change waits until it has settled: an applied event's figures are queryable once the
 * streams commit (every 100 ms, StreamsSettings), not when the version grows. A client that
 * reloads on a change must find the figures of that version, or after the last event of a burst
 * it would keep the figures of just before it until the next change. So a version is sent once
 * the newest event in it was applied {@link #SETTLE_MILLIS} ago (more than two commit
 * intervals); under a steady flow of events, where nothing settles, at least once a second.
 */
public final class ChangeStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);
  static final long TICK_MILLIS = 250;
  static final long MIN_GAP_MILLIS = 500;
  static final long SETTLE_MILLIS = 250;
  static final long MAX_WAIT_MILLIS = 1_000;
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
  /** The ticker's own state: the version last sent, when, and when a newer one was first seen. */
  private long sentVersion = -1;
  private long sentAt = System.currentTimeMillis();
  private long changeSeenAt = -1;
  private long lastPing = System.currentTimeMillis();

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
      long now = System.currentTimeMillis();
      if (clients.isEmpty() && joining.isEmpty()) {
        sentVersion = version;
        changeSeenAt = -1;
        return;
      }
      boolean send = version != sentVersion && due(now);
      boolean ping = now - lastPing >= PING_MILLIS;
      if (!send && !ping && joining.isEmpty()) {
        return;
      }
      String data = JSON.writeValueAsString(freshness.change());
      if (send) {
        sentVersion = version;
        sentAt = now;
        changeSeenAt = -1;
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

  /** Whether a newer version may go now: 500 ms after the last, once settled or waited for a second. */
  private boolean due(long now) {
    if (changeSeenAt < 0) {
      changeSeenAt = now;
    }
    if (now - sentAt < MIN_GAP_MILLIS) {
      return false;
    }
    long newestApplied = freshness.lastAppliedMillis();
    return now - newestApplied >= SETTLE_MILLIS || now - changeSeenAt >= MAX_WAIT_MILLIS;
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
