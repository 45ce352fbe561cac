package org.gongkai.api.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.api.RunningApp;
import org.gongkai.api.SharedBroker;
import org.gongkai.api.security.ClientRateLimit;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.lines.ParsedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/towns/{town}/events}: every answer of the one state-changing route. */
class PublishRouteTest {
  private static final String TOWN_A = "650102003";
  private static final String TOWN_B = "650102004";
  private static final String TOKEN_A = "token-of-650102003-" + "a".repeat(40);
  private static final String TOKEN_B = "token-of-650102004-" + "b".repeat(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<List<ParsedEvent>> PUBLISHED = new CopyOnWriteArrayList<>();
  private static volatile boolean kafkaDown;
  private static ApiFront front;
  private static PublisherTokens tokens;

  @BeforeAll
  static void start() {
    tokens = PublisherTokens.parse(List.of(
        "# town systems of 乌鲁木齐",
        TOWN_A + " " + PublisherTokens.sha256Hex(TOKEN_A),
        TOWN_B + "   " + PublisherTokens.sha256Hex(TOKEN_B).toUpperCase() + "   # upper case hex is fine"), "test", t -> true);
    front = ApiFront.start(ClientRateLimit.disabled(), tokens, events -> {
      if (kafkaDown) {
        throw new IllegalStateException("cannot reach Kafka");
      }
      PUBLISHED.add(events);
      return ApiFront.recorded(events);
    });
  }

  @AfterAll
  static void stop() {
    front.close();
  }

  @BeforeEach
  void clear() {
    PUBLISHED.clear();
    kafkaDown = false;
  }

  @Test
  void shouldAnswer403DisabledWhenNoTokensAreConfigured() throws IOException {
    RawHttp.Answer answer = post(RunningApp.get().port(), TOWN_A, "Bearer " + TOKEN_A, lines(receipt(TOWN_A, "e1", "R1")));
    HostileInputCorpusTest.assertJsonError(answer, 403, "publishing over HTTP is disabled");
  }

  @Test
  void shouldAnswer401WithChallengeWhenThereIsNoToken() throws IOException {
    RawHttp.Answer answer = post(front.port(), TOWN_A, null, lines(receipt(TOWN_A, "e1", "R1")));
    HostileInputCorpusTest.assertJsonError(answer, 401, "Authorization: Bearer");
    assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer realm=\"gongkai\""), answer.header("WWW-Authenticate"));
    assertTrue(PUBLISHED.isEmpty());
  }

  @Test
  void shouldAnswer401WhenTheTokenIsWrongOrNotBearer() throws IOException {
    RawHttp.Answer wrong = post(front.port(), TOWN_A, "Bearer " + TOKEN_A + "x", lines(receipt(TOWN_A, "e1", "R1")));
    HostileInputCorpusTest.assertJsonError(wrong, 401, "not a publisher's token");
    assertTrue(wrong.header("WWW-Authenticate").contains("invalid_token"));
    HostileInputCorpusTest.assertJsonError(post(front.port(), TOWN_A, "Basic " + TOKEN_A, lines(receipt(TOWN_A, "e1", "R1"))),
        401, "must be \"Bearer <token>\"");
    HostileInputCorpusTest.assertJsonError(post(front.port(), TOWN_A, "Bearer", lines(receipt(TOWN_A, "e1", "R1"))),
        401, "must be \"Bearer <token>\"");
    HostileInputCorpusTest.assertJsonError(post(front.port(), TOWN_A, "Bearer " + PublisherTokens.sha256Hex(TOKEN_A),
        lines(receipt(TOWN_A, "e1", "R1"))), 401, "not a publisher's token");
    assertTrue(PUBLISHED.isEmpty());
  }

  @Test
  void shouldAnswer403WhenTheTokenIsAnotherTowns() throws IOException {
    RawHttp.Answer answer = post(front.port(), TOWN_A, "Bearer " + TOKEN_B, lines(receipt(TOWN_A, "e1", "R1")));
    HostileInputCorpusTest.assertJsonError(answer, 403, "this token publishes for town " + TOWN_B + ", not for \"" + TOWN_A + "\"");
    assertTrue(PUBLISHED.isEmpty());
  }

  @Test
  void shouldAnswer403ListingLinesWhenAnEventIsAnotherTowns() throws IOException {
    RawHttp.Answer answer = post(front.port(), TOWN_A, "Bearer " + TOKEN_A,
        lines(receipt(TOWN_A, "e1", "R1"), receipt(TOWN_B, "e2", "R2"), receipt(TOWN_A, "e3", "R3")));
    HostileInputCorpusTest.assertJsonError(answer, 403, "nothing was published");
    assertEquals(List.of("line 2: the event is for town " + TOWN_B + ", not " + TOWN_A), errors(answer));
    assertTrue(PUBLISHED.isEmpty(), "all or nothing");
  }

  @Test
  void shouldAnswer400ListingEachBadLineWhenLinesAreInvalid() throws IOException {
    String body = receipt(TOWN_A, "e1", "R1") + "\n\n"
        + "{\"type\":\"request.received\",\"eventId\":\"e2\",\"town\":\"" + TOWN_A + "\",\"requestId\":\"R2\","
        + "\"date\":\"2021-02-30\",\"applicant\":\"natural_person\"}\n"
        + "not json\n"
        + "{\"type\":\"year.closed\",\"eventId\":\"e4\",\"town\":\"" + TOWN_A + "\",\"year\":2020.5}\n";
    RawHttp.Answer answer = post(front.port(), TOWN_A, "Bearer " + TOKEN_A, body.getBytes(StandardCharsets.UTF_8));
    HostileInputCorpusTest.assertJsonError(answer, 400, "3 problem(s) in the event lines; nothing was published");
    List<String> errors = errors(answer);
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("line 3: date \"2021-02-30\" does not exist"), errors.get(0));
    assertTrue(errors.get(1).startsWith("line 4: not valid JSON"), errors.get(1));
    assertTrue(errors.get(2).startsWith("line 5: year must be a JSON integer"), errors.get(2));
    assertTrue(PUBLISHED.isEmpty(), "nothing published");
  }

  @Test
  void shouldAnswer400WhenTheBodyHasNoEvents() throws IOException {
    HostileInputCorpusTest.assertJsonError(post(front.port(), TOWN_A, "Bearer " + TOKEN_A, "\n  \n".getBytes(StandardCharsets.UTF_8)),
        400, "the body has no events");
  }

  @Test
  void shouldAnswer202WithTheCountWhenEveryLineIsTheTownsEvent() throws IOException {
    RawHttp.Answer answer = post(front.port(), TOWN_A, "bearer " + TOKEN_A,
        lines(receipt(TOWN_A, "e1", "R1"), receipt(TOWN_A, "e2", "R2")));
    assertEquals(202, answer.status(), answer.toString());
    JsonNode body = JSON.readTree(answer.body());
    assertEquals(2, body.get("published").asInt());
    assertEquals(TOWN_A, body.get("town").asText());
    assertEquals(1, PUBLISHED.size());
    assertEquals(List.of("R1", "R2"), PUBLISHED.get(0).stream().map(e -> ((org.gongkai.events.RequestEvent) e.payload()).getRequestId()).toList());
    RawHttp.Answer other = post(front.port(), TOWN_B, "Bearer " + TOKEN_B, lines(receipt(TOWN_B, "e1", "R1")));
    assertEquals(202, other.status(), "the second line of the file (upper-case hex) works: " + other);
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaDoesNotTakeTheEvents() throws IOException {
    kafkaDown = true;
    RawHttp.Answer answer = post(front.port(), TOWN_A, "Bearer " + TOKEN_A, lines(receipt(TOWN_A, "e1", "R1")));
    assertEquals(503, answer.status());
    assertEquals("5", answer.header("Retry-After"));
    assertTrue(JSON.readTree(answer.body()).get("message").asText().contains("send the same lines again"));
  }

  @Test
  void shouldAnswer405WhenTheEventsRouteIsRead() throws IOException {
    RawHttp.Answer answer = RawHttp.send(front.port(), "GET", "/api/v1/towns/" + TOWN_A + "/events", Map.of(), null, null);
    HostileInputCorpusTest.assertJsonError(answer, 405, "method GET is not allowed");
  }

  @Test
  void shouldCountPublishedEventsInTheReportWhenPublishedToKafka() throws Exception {
    try (EventPublisher kafka = new EventPublisher(SharedBroker.bootstrapServers());
         ApiFront real = ApiFront.start(ClientRateLimit.disabled(), tokens, kafka::publish)) {
      RawHttp.Answer answer = post(real.port(), TOWN_A, "Bearer " + TOKEN_A,
          lines(receipt(TOWN_A, "http-e1", "HTTP-R1"), receipt(TOWN_A, "http-e2", "HTTP-R2")));
      assertEquals(202, answer.status(), answer.toString());
      JsonNode report = RunningApp.await("/api/v1/towns/" + TOWN_A + "/reports/2021",
          r -> r.at("/requests/rows/received/natural_person").asInt() == 2, Duration.ofSeconds(60));
      assertEquals(2, report == null ? -1 : report.at("/requests/rows/received/natural_person").asInt(), String.valueOf(report));
    }
  }

  private static String receipt(String town, String eventId, String requestId) {
    return "{\"type\":\"request.received\",\"eventId\":\"" + eventId + "\",\"town\":\"" + town + "\",\"requestId\":\""
        + requestId + "\",\"date\":\"2021-03-01\",\"applicant\":\"natural_person\"}";
  }

  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static RawHttp.Answer post(int port, String town, String authorization, byte[] body) throws IOException {
    Map<String, String> headers = authorization == null ? Map.of("Content-Type", "application/x-ndjson")
        : Map.of("Content-Type", "application/x-ndjson", "Authorization", authorization);
    return RawHttp.send(port, "POST", "/api/v1/towns/" + town + "/events", headers, body, null);
  }

  private static List<String> errors(RawHttp.Answer answer) throws IOException {
    List<String> errors = new ArrayList<>();
    JSON.readTree(answer.body()).path("errors").forEach(error -> errors.add(error.asText()));
    return errors;
  }
}
