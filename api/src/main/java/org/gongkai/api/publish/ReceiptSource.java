package org.gongkai.api.publish;

import java.util.Collection;
import java.util.Map;

/** Where {@code publish} reads its receipts: Kafka (the receipts store's changelog) or the API. */
public interface ReceiptSource extends AutoCloseable {
  /**
   * The towns' receipts of the batch as far as the streams have got (a town without any event
   * applied yet is missing); may wait up to about a second for news.
   *
   * @throws ReceiptUnavailable when receipts cannot be read at all from this source
   */
  Map<String, ReceiptView> receipts(String batch, Collection<String> towns) throws InterruptedException;

  @Override
  void close();

  /** Receipts cannot be read from this source (not allowed, not there): say why and what to do. */
  final class ReceiptUnavailable extends RuntimeException {
    public ReceiptUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
