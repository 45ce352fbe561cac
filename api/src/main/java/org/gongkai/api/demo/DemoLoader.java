package org.gongkai.api.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.api.publish.DoorChecks;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.schemas.lines.LineError;
import org.gongkai.schemas.lines.ParsedEvent;
import org.gongkai.streams.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link DemoHistory} the way {@code gongkai publish} publishes a file: the door
 * checks first, then {@link EventPublisher} (one batch, a line number per event as if the history
 * were one file), town after town, in chunks so that it never holds the whole history at once.
 * Then waits until this instance's streams have applied every event, and says how long it took.
 */
public final class DemoLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
  /** Events published in one go: the whole history would be a few hundred MB of records. */
  static final int CHUNK = 25_000;
  /** The batch the demo's receipts are kept under. */
  public static final String BATCH = "demo-history";

  /** What a load did: events and towns published, and how long publishing and applying took. */
  public record Loaded(long events, int towns, Duration published, Duration applied, boolean complete,
      Duration processCpu) {
    public double eventsPerSecond() {
      return events / Math.max(0.001, applied.toMillis() / 1000.0);
    }
  }

  private final DemoHistory history;
  private final EventPublisher publisher;
  private final DoorChecks checks;
  private final Progress progress;

  /** @param progress the streams' progress of this instance, which owns every partition (embedded run) */
  public DemoLoader(DemoHistory history, EventPublisher publisher, DoorChecks checks, Progress progress) {
    this.history = history;
    this.publisher = publisher;
    this.checks = checks;
    this.progress = progress;
  }

  /**
   * Publishes the history and waits until it has been applied, at most {@code timeout} after the
   * last event was acknowledged.
   *
   * @param published called once Kafka has acknowledged every event
   * @throws IllegalStateException when the door refuses an event (a bug of the generator: nothing more is sent)
   */
  public Loaded load(Duration timeout, Runnable published) throws InterruptedException {
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    Map<Integer, Long> lastOffsets = new HashMap<>();
    List<ParsedEvent> chunk = new ArrayList<>(CHUNK + 1000);
    int line = 0;
    for (String town : history.towns()) {
      for (SpecificRecord payload : history.eventsOf(town)) {
        chunk.add(ParsedEvent.of(++line, payload));
      }
      if (chunk.size() >= CHUNK) {
        send(chunk, lastOffsets);
        chunk = new ArrayList<>(CHUNK + 1000);
      }
    }
    send(chunk, lastOffsets);
    Duration publishing = Duration.ofNanos(System.nanoTime() - start);
    published.run();
    boolean complete = awaitApplied(lastOffsets, timeout);
    return new Loaded(line, history.towns().size(), publishing, Duration.ofNanos(System.nanoTime() - start), complete,
        Duration.ofNanos(processCpuNanos() - cpuStart));
  }

  /**
   * CPU time of the whole JVM (streams, API, the embedded broker): on a shared machine the wall
   * clock says as much about the other processes as about this one.
   */
  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  private void send(List<ParsedEvent> events, Map<Integer, Long> lastOffsets) throws InterruptedException {
    if (events.isEmpty()) {
      return;
    }
    List<LineError> problems = checks.problems(events);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the demo history has " + problems.size() + " events the door refuses, e.g. "
          + problems.subList(0, Math.min(3, problems.size())));
    }
    EventPublisher.Sent sent = publisher.publish(BATCH, events);
    sent.towns().values().forEach(t -> lastOffsets.merge(t.partition(), t.lastOffset(), Math::max));
  }

  /** Whether every partition has applied up to its last demo event within the timeout. */
  private boolean awaitApplied(Map<Integer, Long> lastOffsets, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!applied(lastOffsets)) {
      if (System.nanoTime() > deadline) {
        LOG.warn("the demo history was not applied within {} s of publishing; per partition applied {} of {}",
            timeout.toSeconds(), progress.partitions(), lastOffsets);
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private boolean applied(Map<Integer, Long> lastOffsets) {
    Map<Integer, Progress.Applied> applied = progress.partitions();
    return lastOffsets.entrySet().stream().allMatch(last -> {
      Progress.Applied got = applied.get(last.getKey());
      return got != null && got.offset() >= last.getValue();
    });
  }
}
