package org.gongkai.api.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Receipts from the API ({@code GET /api/v1/towns/{town}/receipts/{batch}}) with the town's
 * publisher token: for a publisher that may only write the input topic in Kafka.
 */
public final class ApiReceipts implements ReceiptSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param api the API's base address, e.g. {@code http://localhost:7070} */
  public ApiReceipts(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  @Override
  public Map<String, ReceiptView> receipts(String batch, Collection<String> towns) throws InterruptedException {
    Map<String, ReceiptView> found = new LinkedHashMap<>();
    for (String town : towns) {
      receipt(town, batch).ifPresent(receipt -> found.put(town, receipt));
    }
    if (found.size() < towns.size()) {
      Thread.sleep(500);
    }
    return found;
  }

  private Optional<ReceiptView> receipt(String town, String batch) throws InterruptedException {
    URI uri = api.resolve("/api/v1/towns/" + town + "/receipts/" + URLEncoder.encode(batch, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return Optional.empty(); // the API may be restarting: ask again
    }
    int status = answer.statusCode();
    if (status == 200) {
      try {
        return Optional.of(JSON.readValue(answer.body(), ReceiptView.class));
      } catch (IOException e) {
        throw new ReceiptUnavailable(uri + " answered with an unreadable receipt: " + e.getMessage(), e);
      }
    }
    if (status == 401 || status == 403) {
      throw new ReceiptUnavailable(uri + " refused the token (" + status + "): give the town's publisher token", null);
    }
    return Optional.empty(); // 404 (nothing applied yet) or 503 (stores moving): ask again
  }

  @Override
  public void close() {}
}
