package org.gongkai.api.publish;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.gongkai.api.ReportQueries;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.state.Receipt;
import org.gongkai.state.Rejection;
import org.gongkai.streams.StoreNames;
import org.gongkai.streams.ledger.Receipts;
import org.gongkai.streams.ledger.Rejections;

/** A town's publishing records on this instance: its receipts and its rejected events. */
public final class TownRecords {
  /** One rejected event as its town's clerk sees it; {@code event} is the event line, when decodable;
   * {@code published} the record's time (ISO-8601, UTC). */
  public record RejectedEvent(long offset, int partition, String published, int year, String reason, String message,
      Integer line, String batch, String event, long valueBytes) {}

  /** A page of rejections, newest first; {@code before} asks for the next page, null on the last. */
  public record Page(List<RejectedEvent> rejections, Long before) {}

  private final ReportQueries queries;

  public TownRecords(ReportQueries queries) {
    this.queries = queries;
  }

  public Optional<ReceiptView> receipt(String town, String batch) {
    ReadOnlyKeyValueStore<String, Receipt> store = queries.storeOf(StoreNames.RECEIPTS, town);
    Receipt receipt = store.get(Receipts.key(town, batch));
    return receipt == null ? Optional.empty() : Optional.of(ReceiptView.of(town, batch, receipt));
  }

  /**
   * @param year only this year's (the year the events are dated in); null: every year
   * @param before only rejections of offsets below this; null: from the newest
   */
  public Page rejections(String town, Integer year, Long before, int limit) {
    ReadOnlyKeyValueStore<String, Rejection> store = queries.storeOf(StoreNames.REJECTIONS, town);
    String from = Rejections.key(town, 0);
    String to = before == null ? Rejections.prefix(town) + "~" : Rejections.key(town, Math.max(0, before - 1));
    List<RejectedEvent> page = new ArrayList<>();
    Long next = null;
    try (KeyValueIterator<String, Rejection> newestFirst = store.reverseRange(from, to)) {
      while (newestFirst.hasNext()) {
        KeyValue<String, Rejection> entry = newestFirst.next();
        Rejection r = entry.value;
        if (year != null && r.getYear() != year) {
          continue;
        }
        if (page.size() == limit) {
          next = page.get(page.size() - 1).offset();
          break;
        }
        page.add(new RejectedEvent(r.getOffset(), r.getPartition(), Instant.ofEpochMilli(r.getPublished()).toString(), r.getYear(),
            r.getReason(), r.getMessage(), r.getLine(), r.getBatch(), eventLine(r), r.getValueBytes()));
      }
    }
    return new Page(page, next);
  }

  /** The rejected record as an event line, when it was kept whole and is an event. */
  private static String eventLine(Rejection rejection) {
    ByteBuffer value = rejection.getValue();
    if (value.remaining() != rejection.getValueBytes() || rejection.getValueBytes() == 0) {
      return null;
    }
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    try {
      return EventLines.format(Topics.EVENTS.decode(bytes));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A page as the API answers it. */
  public static Map<String, Object> body(String town, Integer year, Page page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("town", town);
    if (year != null) {
      body.put("year", year);
    }
    body.put("rejections", page.rejections());
    body.put("before", page.before());
    return body;
  }
}
