package org.gongkai.api.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer other than a report, raised by the guards of the API (rate limit, publisher
 * credentials, publish route): its status, a message a person understands, the headers it needs
 * ({@code Retry-After}, {@code WWW-Authenticate}) and, for a body of event lines, one entry per
 * bad line ({@code line N: reason}). {@code ApiServer} renders it as the usual JSON error body,
 * with the entries as {@code errors}.
 */
public final class HttpRefusal extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;
  private final List<String> errors;

  public HttpRefusal(int status, String message, Map<String, String> headers, List<String> errors) {
    super(message, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.errors = List.copyOf(errors);
  }

  public HttpRefusal(int status, String message) {
    this(status, message, Map.of(), List.of());
  }

  public static HttpRefusal tooManyRequests(long retryAfterSeconds) {
    return new HttpRefusal(429, "too many requests from this client; try again in " + retryAfterSeconds
        + " s (the API is public but each client gets a fair share)",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)), List.of());
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** One entry per bad line of an event-lines body, else empty. */
  public List<String> errors() {
    return errors;
  }

  /** The JSON body: status, error, message and, when there are any, errors. */
  public Map<String, Object> body(String reasonPhrase) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", reasonPhrase);
    body.put("message", getMessage());
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }
}
