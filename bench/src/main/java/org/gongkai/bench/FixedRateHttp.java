package org.gongkai.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-model HTTP load generator: request i is due at {@code start + i / rate}, whether or
 * not earlier ones have answered, and its latency is measured from that due time, not from when
 * it was actually sent. A server that stalls therefore shows its stall in the percentiles instead
 * of hiding it by slowing the arrivals (no coordinated omission).
 *
 * <p>A scheduler thread releases the requests at their due times into a queue; a fixed set of
 * workers, each keeping one keep-alive connection busy through a shared {@link HttpClient}, send
 * them. When the server falls behind, requests wait in the queue (and that wait is part of their
 * latency) instead of each opening a new connection: an earlier version used {@code sendAsync}
 * per request and, once the server lagged, opened connections until the benchmark JVM ran out of
 * file descriptors.
 */
final class FixedRateHttp {
  static final int CONNECTIONS = 64;
  private final HttpClient client;

  FixedRateHttp(HttpClient client) {
    this.client = client;
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  record Result(long requests, long errors, long unanswered, long queued, Histogram micros, double seconds, String firstError) {
    double p(double percentile) {
      return micros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  /**
   * Sends {@code rate} requests a second for {@code duration}; {@code uris} gives request i's URI.
   * A request counts as an error unless it gets a 200, or if it is still unanswered 60 s after the
   * last one was due ({@code unanswered} counts those; their latency is not recorded); {@code queued} counts requests that waited more than 1 ms for a free
   * connection (the server was behind).
   */
  Result run(int rate, Duration duration, LongFunction<URI> uris) throws InterruptedException {
    long total = rate * duration.toSeconds();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    ConcurrentHistogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong queued = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < CONNECTIONS; w++) {
      Thread worker = new Thread(() -> {
        try {
          while (true) {
            long i = due.take();
            if (i < 0) {
              return;
            }
            long dueAt = start + i * interval;
            if (System.nanoTime() - dueAt > 1_000_000) {
              queued.incrementAndGet();
            }
            try {
              HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uris.apply(i))
                  .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
              if (response.statusCode() != 200) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
              }
            } catch (java.io.IOException e) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, e.toString());
            }
            micros.recordValue(Math.min((System.nanoTime() - dueAt) / 1000, micros.getHighestTrackableValue()));
            done.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "http-load-" + w);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    for (long i = 0; i < total; i++) {
      long dueAt = start + i * interval;
      long wait;
      while ((wait = dueAt - System.nanoTime()) > 0) {
        if (wait > 200_000) {
          LockSupport.parkNanos(wait - 100_000);
        } else {
          Thread.onSpinWait();
        }
      }
      due.add(i);
    }
    for (int w = 0; w < CONNECTIONS; w++) {
      due.add(-1L);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Thread worker : workers) {
      worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    workers.forEach(Thread::interrupt);
    double seconds = (System.nanoTime() - start) / 1e9;
    long unanswered = total - done.get();
    return new Result(total, errors.get() + unanswered, unanswered, queued.get(), micros, seconds, firstError.get());
  }
}
