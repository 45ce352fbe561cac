package org.gongkai.api.publish;

import java.util.List;
import org.gongkai.state.Receipt;

/**
 * A town's receipt of one publish, as the API answers it and {@code publish} prints it: what
 * became of its events, counted per year of their dates, and every rejected event with its line.
 *
 * @param events how many of the publish's events for the town the streams have applied
 */
public record ReceiptView(String town, String batch, long events, List<Year> years, List<Rejected> rejections,
    long rejectionsOmitted) {

  /** The counts of one year; {@code year} 0 holds events without a readable date. */
  public record Year(int year, long accepted, long late, long duplicates, long rejected) {}

  /** One rejected event; {@code line} is its line in the published file, when known. */
  public record Rejected(Integer line, String eventId, String reason, String message, long offset) {}

  public static ReceiptView of(String town, String batch, Receipt receipt) {
    return new ReceiptView(town, batch, receipt.getEvents(),
        receipt.getYears().stream()
            .map(y -> new Year(y.getYear(), y.getAccepted(), y.getLate(), y.getDuplicates(), y.getRejected())).toList(),
        receipt.getRejections().stream()
            .map(r -> new Rejected(r.getLine(), r.getEventId(), r.getReason(), r.getMessage(), r.getOffset())).toList(),
        receipt.getRejectionsOmitted());
  }

  /** Rejected events of the publish for the town, listed or not. */
  public long rejected() {
    return years.stream().mapToLong(Year::rejected).sum();
  }
}
