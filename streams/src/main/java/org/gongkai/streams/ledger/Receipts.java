package org.gongkai.streams.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.gongkai.state.Receipt;
import org.gongkai.state.ReceiptRejection;
import org.gongkai.state.ReceiptYear;

/**
 * The publisher's receipts: for each publish (a batch id in the {@code gongkai.batch} header)
 * and town, what became of its events, counted per year of their dates, with each rejected
 * event's line, reason and message. {@code publish} reads them to tell the clerk; they are
 * kept for {@link #KEPT}.
 */
public final class Receipts {
  /** Rejections listed in one receipt; beyond it they are only counted. */
  public static final int MAX_LISTED = 1000;
  public static final Duration KEPT = Duration.ofDays(7);

  private final KeyValueStore<String, Receipt> store;

  Receipts(KeyValueStore<String, Receipt> store) {
    this.store = store;
  }

  /** The store key of a town's receipt of a batch. */
  public static String key(String town, String batch) {
    return town + '|' + batch;
  }

  /**
   * Counts one event of the batch.
   *
   * @param year the year the event is dated in (0 when it has no readable date)
   * @param rejection why it was rejected, when it was
   */
  void count(String town, String batch, long published, int year, Disposition disposition, Integer line,
      String eventId, Verdict.Rejected rejection, long offset) {
    String key = key(town, batch);
    Receipt receipt = store.get(key);
    if (receipt == null) {
      receipt = new Receipt(published, 0L, new ArrayList<>(), new ArrayList<>(), 0L);
    }
    receipt.setEvents(receipt.getEvents() + 1);
    ReceiptYear counts = yearOf(receipt.getYears(), year);
    switch (disposition) {
      case ACCEPTED -> counts.setAccepted(counts.getAccepted() + 1);
      case LATE -> counts.setLate(counts.getLate() + 1);
      case DUPLICATE -> counts.setDuplicates(counts.getDuplicates() + 1);
      case REJECTED -> {
        counts.setRejected(counts.getRejected() + 1);
        if (receipt.getRejections().size() < MAX_LISTED) {
          receipt.getRejections().add(new ReceiptRejection(line, eventId, rejection.reason().code(),
              EventLedger.capped(rejection.message()), offset));
        } else {
          receipt.setRejectionsOmitted(receipt.getRejectionsOmitted() + 1);
        }
      }
    }
    store.put(key, receipt);
  }

  /** The year's counts, added in year order when new. */
  private static ReceiptYear yearOf(List<ReceiptYear> years, int year) {
    int i = 0;
    while (i < years.size() && years.get(i).getYear() < year) {
      i++;
    }
    if (i < years.size() && years.get(i).getYear() == year) {
      return years.get(i);
    }
    ReceiptYear counts = new ReceiptYear(year, 0L, 0L, 0L, 0L);
    years.add(i, counts);
    return counts;
  }

  /** Forgets the receipts of publishes older than {@link #KEPT}. */
  void expire(long nowMillis) {
    long before = nowMillis - KEPT.toMillis();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Receipt> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Receipt> next = all.next();
        if (next.value.getCreated() < before) {
          old.add(next.key);
        }
      }
    }
    old.forEach(store::delete);
  }
}
