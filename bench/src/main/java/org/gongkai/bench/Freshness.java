package org.gongkai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongkai.schemas.Topics;

/**
 * Freshness under load: while a steady stream of procurement awards (dated {@code loadYear})
 * goes to random towns, probes send one more award (dated today, in {@code probeYear}, which no
 * other event uses) to a town not probed before, and poll that town's report for the probe year
 * until its {@code events.accepted} shows it. Latency is from just before {@code send} to the
 * first response that shows the event. Polls are 10 ms apart for the first 200 ms, then 5% of
 * the time waited so far apart (at most 250 ms), so the resolution is about 5% of the figure:
 * an earlier version polled every 10 ms throughout, and when probes took seconds the polling
 * itself (thousands of requests a second) slowed the app it was measuring.
 */
final class Freshness {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration POLL = Duration.ofMillis(10);
  /** A probe not seen this long after it was sent counts as unseen. */
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  record Result(int probes, int seen, Histogram micros, long loadSent, double loadSeconds, String loadSettings,
      int probeYear, String note) {
    double p(double percentile) {
      return micros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  /** The towns the probes of a run with this seed go to, in order (they repeat past the end). */
  static List<String> probeTowns(List<String> towns, long seed) {
    List<String> probeTowns = new ArrayList<>(towns);
    Collections.shuffle(probeTowns, new Random(seed));
    return probeTowns;
  }

  /**
   * @param idPrefix starts the ids of this run's awards, so that runs on the same app never
   *     share an id (the same id with other content would be a conflict)
   */
  static Result run(String bootstrap, HttpClient http, int port, List<String> towns, int rate, Duration duration,
      int probes, long seed, int loadYear, LocalDate probeDate, String idPrefix) throws Exception {
    List<String> probeTowns = probeTowns(towns, seed);
    int probeYear = probeDate.getYear();
    String note = probeYear > loadYear ? "" : "probe year is the load year, so a load event can be taken for a probe";
    LocalDate lastLoadDay = LocalDate.of(loadYear, 12, 31).isBefore(probeDate) ? LocalDate.of(loadYear, 12, 31) : probeDate;
    int loadDays = lastLoadDay.getDayOfYear();

    KafkaBench.ProducerSettings loadSettings = new KafkaBench.ProducerSettings("linger 5 ms, lz4", 5, 64 * 1024, "lz4");
    AtomicBoolean stop = new AtomicBoolean();
    long[] loadSent = {0};
    double[] loadSeconds = {0};
    Thread load = new Thread(() -> {
      Random r = new Random(seed + 1);
      try (KafkaBench.Loader loader = new KafkaBench.Loader(bootstrap, loadSettings).warm(List.of(Topics.EVENTS.name()))) {
        long tick = TimeUnit.MILLISECONDS.toNanos(10);
        int perTick = Math.max(1, rate / 100);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long n = 0;
        for (long due = start; due < end && !stop.get(); due += tick) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          for (int i = 0; i < perTick; i++) {
            String town = towns.get(r.nextInt(towns.size()));
            LocalDate date = LocalDate.ofYearDay(loadYear, 1 + r.nextInt(loadDays));
            long fen = 10_000 + r.nextInt(5_000_000);
            loader.send(Topics.EVENTS.name(), town, NationalDataset.award(idPrefix + "LOAD", ++n, town, date, fen));
          }
        }
        loader.finish();
        loadSent[0] = n;
        loadSeconds[0] = (System.nanoTime() - start) / 1e9;
      }
    }, "freshness-load");
    load.start();

    ConcurrentHistogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    ExecutorService pollers = Executors.newFixedThreadPool(32);
    List<Future<Boolean>> results = new ArrayList<>();
    KafkaBench.ProducerSettings probeSettings = new KafkaBench.ProducerSettings("linger 0", 0, -1, "none");
    try (KafkaProducer<String, byte[]> producer = KafkaBench.producer(bootstrap, probeSettings)) {
      // Connect and fetch metadata before the first probe is timed.
      producer.partitionsFor(Topics.EVENTS.name());
      Thread.sleep(2000);
      long spacing = (duration.toNanos() - TimeUnit.SECONDS.toNanos(4)) / probes;
      long first = System.nanoTime();
      for (int k = 0; k < probes; k++) {
        long due = first + k * spacing;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        String town = probeTowns.get(k % probeTowns.size());
        long expected = 1 + k / probeTowns.size();
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), town,
            NationalDataset.award(idPrefix + "PROBE", k + 1, town, probeDate, 100_000 + k)));
        URI uri = URI.create("http://localhost:" + port + "/api/v1/towns/" + town + "/reports/" + probeYear);
        results.add(pollers.submit(() -> {
          long deadline = sent + TIMEOUT.toNanos();
          while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            long now = System.nanoTime();
            if (response.statusCode() == 200) {
              JsonNode report = JSON.readTree(response.body());
              if (report.path("events").path("accepted").asLong() >= expected) {
                micros.recordValue((now - sent) / 1000);
                return true;
              }
            }
            // 10 ms apart at first, then 5% of the time waited so far (at most 250 ms): fine
            // resolution where it matters, and slow probes do not flood the app with polls.
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            Thread.sleep(Math.min(250, Math.max(POLL.toMillis(), waited / 20)));
          }
          return false;
        }));
      }
    }
    int seen = 0;
    for (Future<Boolean> f : results) {
      if (f.get(TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS)) {
        seen++;
      }
    }
    pollers.shutdown();
    stop.set(true);
    load.join();
    return new Result(probes, seen, micros, loadSent[0], loadSeconds[0], loadSettings.name(), probeYear, note);
  }
}
