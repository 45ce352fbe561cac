package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gongkai.api.RunningApp;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.ClusterSecret;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.lines.ParsedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few thousand generated requests, from a fixed seed, over every route of openapi.json: the
 * route templates with their segments mutated (other codes and years, unicode digits, dot
 * segments, encoded slashes and NULs, random bytes percent-encoded, very long values), random
 * query parameters, Accept headers, methods, bearer tokens and bodies. Whatever comes in, the API
 * answers below 500, and every error is a JSON body without a stack trace.
 *
 * <p>Two targets: the test JVM's app, as it runs (publishing over HTTP disabled), and a front with
 * every guard on (a rate limit too generous to trip, publisher tokens, the cluster secret) whose
 * publisher only records, so no generated event reaches Kafka.
 */
class ApiFuzzTest {
  private static final long SEED = 0x60A6CA1L;
  private static final int REQUESTS = 2000;
  private static final String TOKEN = "fuzz-token-0123456789abcdef0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<List<ParsedEvent>> PUBLISHED = new CopyOnWriteArrayList<>();

  private static ApiFront front;
  private static List<Route> routes;

  /** A route of openapi.json: a method and a path template. */
  record Route(String method, String template) {}

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    RunningApp.seeded();
    front = ApiFront.start(ClientRateLimit.of(1_000_000, 1_000_000.0, ClusterSecret.of("fuzz-cluster-secret-0123")),
        PublisherTokens.parse(List.of("650102002 " + PublisherTokens.sha256Hex(TOKEN)), "fuzz", t -> true),
        events -> {
          PUBLISHED.add(events);
          return ApiFront.recorded(events);
        });
    routes = new ArrayList<>();
    try (InputStream in = ApiFuzzTest.class.getResourceAsStream("/openapi.json")) {
      JsonNode paths = JSON.readTree(in).get("paths");
      for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> path = it.next();
        // an event stream never ends, so it has no answer to judge (DashboardEndToEndTest reads it)
        path.getValue().fields().forEachRemaining(method -> {
          if (!method.getValue().at("/responses/200/content").has("text/event-stream")) {
            routes.add(new Route(method.getKey().toUpperCase(), path.getKey()));
          }
        });
      }
    }
  }

  @AfterAll
  static void stop() {
    if (front != null) {
      front.close();
    }
  }

  @Test
  void shouldNeverAnswer5xxNorLeakAStackTraceWhenRequestsAreGenerated() throws IOException {
    Random random = new Random(SEED);
    Map<Integer, Integer> histogram = new TreeMap<>();
    Map<String, Integer> byRoute = new TreeMap<>();
    Map<String, Long> millisByRoute = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      Route route = route(random);
      String method = random.nextInt(3) == 0 ? pick(random, "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE")
          : route.method();
      String target = path(random, route.template()) + query(random);
      Map<String, String> headers = headers(random);
      byte[] body = method.equals("POST") || method.equals("PUT") || random.nextInt(20) == 0 ? body(random) : null;
      boolean toFront = random.nextInt(3) != 0;
      int port = toFront ? front.port() : RunningApp.get().port();
      long sent = System.nanoTime();
      RawHttp.Answer answer = RawHttp.send(port, method, target, headers, body, null);
      millisByRoute.merge(route.method() + " " + route.template(), (System.nanoTime() - sent) / 1_000_000, Long::sum);
      histogram.merge(answer.status(), 1, Integer::sum);
      byRoute.merge(route.method() + " " + route.template() + " -> " + answer.status(), 1, Integer::sum);
      String problem = problem(method, answer);
      if (problem != null && failures.size() < 25) {
        failures.add("#" + i + " " + method + " " + shorten(target) + " " + headers.keySet() + " (" + (toFront ? "front" : "app")
            + "): " + problem);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    int fiveXx = histogram.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
    System.out.println("ApiFuzzTest: " + REQUESTS + " requests (seed " + Long.toHexString(SEED) + ") in " + millis
        + " ms; 5xx: " + fiveXx + "; status histogram " + histogram);
    byRoute.forEach((key, count) -> System.out.println("  " + key + ": " + count));
    millisByRoute.forEach((key, ms) -> System.out.println("  time in " + key + ": " + ms + " ms"));
    assertTrue(failures.isEmpty(), "answers that break the contract:\n" + String.join("\n", failures));
    assertEquals(0, fiveXx, "no 5xx: " + histogram);
    assertTrue(PUBLISHED.isEmpty(), "no generated body was a valid batch of the token's town: " + PUBLISHED);
  }

  /** Any route of the document; /metrics (a whole Prometheus scrape, the slowest answer) only now and then. */
  private static Route route(Random random) {
    while (true) {
      Route route = routes.get(random.nextInt(routes.size()));
      if (!route.template().equals("/metrics") || random.nextInt(40) == 0) {
        return route;
      }
    }
  }

  /** What is wrong with the answer, or null. */
  private static String problem(String method, RawHttp.Answer answer) {
    if (answer.status() >= 500) {
      return "status " + answer;
    }
    if (answer.status() < 400 || method.equals("HEAD")) {
      return null;
    }
    String text = answer.text();
    if (text.contains("Exception") || text.contains("at org.") || text.contains("at io.") || text.contains("at java.")) {
      return "stack trace in " + answer;
    }
    if (!String.valueOf(answer.header("Content-Type")).startsWith("application/json")) {
      return "error as " + answer.header("Content-Type") + ": " + answer;
    }
    try {
      JsonNode body = JSON.readTree(answer.body());
      if (body.path("status").asInt() != answer.status() || body.path("message").asText().isEmpty()) {
        return "error body without status or message: " + answer;
      }
    } catch (IOException e) {
      return "error body is not JSON: " + answer;
    }
    return null;
  }

  // ---------------------------------------------------------------- generators

  private static final String[] TOWNS = {"360923105", "650102002", "110101001", "999999999", "360923100"};
  private static final String[] REGIONS = {"36", "3609", "360900", "360923", "360000", "65", "999999", "11"};
  private static final String[] YEARS = {"2019", "2020", "2021", "2025", "2026", "2018", "0000", "9999"};

  private static String path(Random random, String template) {
    List<String> segments = new ArrayList<>(List.of(template.substring(1).split("/")));
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean parameter = segment.startsWith("{");
      if (parameter) {
        segments.set(i, random.nextInt(3) == 0 ? mutated(random) : switch (segment) {
          case "{town}" -> pick(random, TOWNS);
          case "{region}" -> pick(random, REGIONS);
          case "{year}" -> pick(random, YEARS);
          default -> mutated(random);
        });
      } else if (random.nextInt(25) == 0) {
        segments.set(i, mutated(random));
      }
    }
    switch (random.nextInt(30)) {
      case 0 -> segments.add(mutated(random));
      case 1 -> { if (segments.size() > 1) { segments.remove(random.nextInt(segments.size())); } }
      case 2 -> segments.add("");
      case 3 -> segments.add(0, "");
      case 4 -> segments.add(random.nextInt(segments.size() + 1), "..");
      default -> { }
    }
    return "/" + String.join("/", segments);
  }

  private static String mutated(Random random) {
    return switch (random.nextInt(16)) {
      case 0 -> digits(random, random.nextInt(13));
      case 1 -> "３６０９２３１０５".substring(0, 1 + random.nextInt(9));
      case 2 -> "٢٠٢٠";
      case 3 -> pick(random, "..", "%2e%2e", ".", "%2F", "..%2F..%2Fetc%2Fpasswd", "%5C..%5C", "%00", "%ZZ", "%", "%C0%AE",
          ";x=1", "%20", "+", "%0d%0aSet-Cookie:%20x=1", "~", "*");
      case 4 -> randomBytes(random, 1 + random.nextInt(20));
      case 5 -> "9".repeat(1 + random.nextInt(3000));
      case 6 -> "a".repeat(9000 + random.nextInt(2000));
      case 7 -> encode("<script>alert(" + random.nextInt(100) + ")</script>");
      case 8 -> encode("' OR 1=1; DROP TABLE t; --");
      case 9 -> "";
      case 10 -> digits(random, 4) + "." + digits(random, 1);
      case 11 -> "-" + digits(random, 1 + random.nextInt(4));
      case 12 -> digits(random, 30);
      case 13 -> encode(new String(new int[] {0x1F600, 0x4E2D, 0x202E}, 0, 3));
      case 14 -> pick(random, TOWNS) + pick(random, "", "0", "/", "%2F", "?");
      default -> pick(random, YEARS);
    };
  }

  private static String query(Random random) {
    int count = random.nextInt(4);
    if (count == 0) {
      return "";
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = pick(random, "format", "year", "sort", "order", "format", "year", randomBytes(random, 3), "");
      String value = switch (random.nextInt(8)) {
        case 0 -> pick(random, "json", "html", "text", "csv", "pdf", "JSON", "");
        case 1 -> pick(random, YEARS);
        case 2 -> pick(random, "code", "name", "status", "received", "concluded_total", "carried_forward", "granted_share",
            "procurement_amount", "appeals_total", "bogus");
        case 3 -> pick(random, "asc", "desc", "ASC", "sideways");
        case 4 -> randomBytes(random, 1 + random.nextInt(30));
        case 5 -> mutated(random);
        case 6 -> null;
        default -> digits(random, random.nextInt(12));
      };
      params.add(value == null ? key : key + "=" + value);
    }
    return "?" + String.join("&", params);
  }

  private static Map<String, String> headers(Random random) {
    Map<String, String> headers = new LinkedHashMap<>();
    switch (random.nextInt(12)) {
      case 0 -> { }
      case 1 -> headers.put("Accept", "text/html");
      case 2 -> headers.put("Accept", "text/plain");
      case 3 -> headers.put("Accept", "text/csv");
      case 4 -> headers.put("Accept", "*/*");
      case 5 -> headers.put("Accept", "application/xml, image/png;q=0.9");
      case 6 -> headers.put("Accept", "text/html;q=0.1, text/csv;q=0.9, */*;q=0");
      case 7 -> headers.put("Accept", printable(random, 1 + random.nextInt(200)));
      case 8 -> headers.put("Accept", ";;;,,,;q=;");
      case 9 -> headers.put("Accept", "text/" + "x".repeat(3000));
      default -> headers.put("Accept", "application/json");
    }
    switch (random.nextInt(8)) {
      case 0 -> headers.put("Authorization", "Bearer " + TOKEN);
      case 1 -> headers.put("Authorization", "Bearer " + printable(random, 1 + random.nextInt(80)).replace(" ", ""));
      case 2 -> headers.put("Authorization", "Basic " + printable(random, 12).replace(" ", ""));
      case 3 -> headers.put("Authorization", printable(random, 1 + random.nextInt(40)));
      default -> { }
    }
    if (random.nextInt(10) == 0) {
      headers.put("X-Gongkai-Forwarded", printable(random, 1 + random.nextInt(20)));
      if (random.nextBoolean()) {
        headers.put("X-Gongkai-Cluster-Secret", random.nextBoolean() ? "fuzz-cluster-secret-0123" : printable(random, 20));
      }
    }
    if (random.nextInt(10) == 0) {
      headers.put("X-Forwarded-For", random.nextInt(256) + "." + random.nextInt(256) + ".0.1");
    }
    if (random.nextInt(6) == 0) {
      headers.put("Content-Type", pick(random, "application/x-ndjson", "application/json", "text/plain; charset=gbk",
          "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", printable(random, 10)));
    }
    return headers;
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> new byte[0];
      case 1 -> {
        byte[] bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
        yield bytes;
      }
      case 2 -> mutatedLine(random).getBytes(StandardCharsets.UTF_8);
      case 3 -> (mutatedLine(random) + "\n" + mutatedLine(random) + "\n" + mutatedLine(random)).getBytes(StandardCharsets.UTF_8);
      case 4 -> "a=1&b=2".getBytes(StandardCharsets.UTF_8);
      case 5 -> ("--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + mutatedLine(random) + "\r\n--x--\r\n")
          .getBytes(StandardCharsets.UTF_8);
      default -> printable(random, random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * An event line of the token's town, always broken somewhere (a field dropped, a bad value, an
   * unknown field, truncated), so that no body is ever a valid batch.
   */
  private static String mutatedLine(Random random) {
    String town = random.nextInt(4) == 0 ? pick(random, TOWNS) : "650102002";
    String line = "{\"type\":\"request.received\",\"eventId\":\"f-" + random.nextInt(1000) + "\",\"town\":\"" + town
        + "\",\"requestId\":\"R-1\",\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"";
    return switch (random.nextInt(6)) {
      case 0 -> line;                                      // truncated: no closing brace
      case 1 -> line + ",\"extra\":" + random.nextInt() + "}";
      case 2 -> line.replace("natural_person", printable(random, 8)) + "}";
      case 3 -> line.replace("2021-03-01", pick(random, "2021-02-30", "0000-01-01", "20200-01-01", "2020.5", "")) + "}";
      case 4 -> line.replace("\"requestId\":\"R-1\",", "") + "}";
      default -> line.replace("\"eventId\":\"", "\"eventId\":\"\\u0000") + "}";
    };
  }

  private static String digits(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    return text.toString();
  }

  private static String randomBytes(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append('%').append(String.format("%02X", random.nextInt(256)));
    }
    return text.toString();
  }

  private static String printable(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) (0x20 + random.nextInt(0x5F)));
    }
    return text.toString();
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + ")";
  }
}
