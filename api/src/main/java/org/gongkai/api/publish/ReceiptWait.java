package org.gongkai.api.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Waits until the streams have applied every event a publish sent, town by town. */
public final class ReceiptWait {
  /** How often a clerk waiting is told how far the streams have got. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  /** The receipts as far as they got; {@code complete} when every event sent is in them. */
  public record Outcome(Map<String, ReceiptView> receipts, boolean complete) {}

  private ReceiptWait() {}

  /**
   * @param progress told, every {@link #PROGRESS_EVERY}, how many events are applied so far
   */
  public static Outcome await(ReceiptSource source, EventPublisher.Sent sent, Duration timeout, Consumer<String> progress)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Instant nextProgress = Instant.now().plus(PROGRESS_EVERY);
    Map<String, ReceiptView> receipts = new LinkedHashMap<>();
    while (true) {
      List<String> open = sent.towns().values().stream()
          .filter(t -> !receipts.containsKey(t.town()) || receipts.get(t.town()).events() < t.events())
          .map(EventPublisher.TownSent::town).toList();
      if (open.isEmpty()) {
        return new Outcome(ordered(sent, receipts), true);
      }
      if (Instant.now().isAfter(deadline)) {
        return new Outcome(ordered(sent, receipts), false);
      }
      receipts.putAll(source.receipts(sent.batch(), open));
      if (Instant.now().isAfter(nextProgress)) {
        long applied = receipts.values().stream().mapToLong(ReceiptView::events).sum();
        progress.accept("waiting for the streams: " + applied + " of " + sent.events() + " events applied");
        nextProgress = Instant.now().plus(PROGRESS_EVERY);
      }
    }
  }

  private static Map<String, ReceiptView> ordered(EventPublisher.Sent sent, Map<String, ReceiptView> receipts) {
    Map<String, ReceiptView> ordered = new LinkedHashMap<>();
    sent.towns().keySet().forEach(town -> {
      if (receipts.containsKey(town)) {
        ordered.put(town, receipts.get(town));
      }
    });
    return ordered;
  }
}
