package org.gongkai.api.security;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.schemas.lines.LineError;
import org.gongkai.schemas.lines.ParsedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one route that changes state: a town clerk's system publishes event lines (JSON Lines,
 * domain.md §7) for its town, {@code POST /api/v1/towns/{town}/events} with
 * {@code Authorization: Bearer <token>}. The answers, in the order they are checked:
 *
 * <ul>
 *   <li>403 when this instance has no publisher tokens: publishing over HTTP is disabled;
 *   <li>401 without a bearer token or with one that is no publisher's;
 *   <li>403 when the token is another town's, or a line is an event of another town;
 *   <li>400 when the body is not UTF-8, has no event, or has invalid lines: each one listed as
 *       {@code line N: reason}, like {@code gongkai publish};
 *   <li>202 with the count once every event is acknowledged by Kafka; 503 if Kafka does not take them.
 * </ul>
 *
 * All or nothing, like {@code publish}: one bad line and nothing is published. Publishing the same
 * lines again is safe (unchanged events count as duplicates), so a client that got no answer retries.
 * Browsers never send a bearer token on their own, so the route needs no CSRF defence.
 */
public final class PublishRoutes {
  public static final String TOWN_EVENTS = "/api/v1/towns/{town}/events";
  private static final Logger LOG = LoggerFactory.getLogger(PublishRoutes.class);
  private static final String CHALLENGE = "Bearer realm=\"gongkai\"";
  /** Problems listed in a 400; a body can have many thousand bad lines. */
  static final int MAX_LISTED = 200;

  /** Where accepted events go: {@code EventPublisher::publish} in the app. */
  @FunctionalInterface
  public interface Publisher {
    /** @return how many events Kafka acknowledged */
    int publish(List<ParsedEvent> events) throws InterruptedException;
  }

  private final PublisherTokens tokens;
  private final Publisher publisher;

  public PublishRoutes(PublisherTokens tokens, Publisher publisher) {
    this.tokens = tokens;
    this.publisher = publisher;
  }

  /** The route answers 403: no tokens configured. */
  public static PublishRoutes disabled() {
    return new PublishRoutes(PublisherTokens.none(), events -> {
      throw new IllegalStateException("publishing is disabled");
    });
  }

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  public void register(RoutesConfig routes) {
    routes.post(TOWN_EVENTS, this::publish);
  }

  private void publish(Context ctx) throws InterruptedException {
    if (tokens.isEmpty()) {
      throw new HttpRefusal(403, "publishing over HTTP is disabled: this instance has no publisher tokens "
          + "(--publisher-tokens); publish with `gongkai publish` or ask the operator for a token");
    }
    String town = ctx.pathParam("town");
    Set<String> allowed = tokens.townsOf(bearerToken(ctx.header("Authorization")));
    if (allowed.isEmpty()) {
      throw new HttpRefusal(401, "the bearer token is not a publisher's token",
          Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""), List.of());
    }
    if (!allowed.contains(town)) {
      throw new HttpRefusal(403, "this token publishes for town " + String.join(", ", allowed) + ", not for \""
          + shorten(town) + "\"");
    }
    List<ParsedEvent> events = parse(ctx.bodyAsBytes());
    List<String> otherTowns = new ArrayList<>();
    for (ParsedEvent event : events) {
      if (!event.town().equals(town)) {
        otherTowns.add("line " + event.lineNumber() + ": the event is for town " + event.town() + ", not " + town);
      }
    }
    if (!otherTowns.isEmpty()) {
      throw new HttpRefusal(403, otherTowns.size() + " line(s) are events of another town; this token publishes for "
          + town + " only; nothing was published", Map.of(), otherTowns);
    }
    int published;
    try {
      published = publisher.publish(events);
    } catch (RuntimeException e) {
      LOG.warn("publishing {} events for town {} failed: {}", events.size(), town, e.getMessage());
      throw new HttpRefusal(503, "Kafka did not take the events; send the same lines again in a moment "
          + "(events already stored count as duplicates)", Map.of("Retry-After", "5"), List.of());
    }
    LOG.info("published {} events for town {} over HTTP", published, town);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 202);
    body.put("town", town);
    body.put("published", published);
    body.put("message", published + " event(s) published; the report counts them within seconds, "
        + "and rejected ones go to gongkai.dead-letters with their reason");
    ctx.status(202).json(body);
  }

  /** The token of {@code Authorization: Bearer <token>}, or null. */
  static String bearerToken(String authorization) {
    if (authorization == null) {
      throw new HttpRefusal(401, "send the town's publisher token as Authorization: Bearer <token>",
          Map.of("WWW-Authenticate", CHALLENGE), List.of());
    }
    String[] parts = authorization.strip().split("\\s+");
    if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
      throw new HttpRefusal(401, "the Authorization header must be \"Bearer <token>\"",
          Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_request\""), List.of());
    }
    return parts[1];
  }

  /** The body's events, or a 400 that lists every bad line. */
  private static List<ParsedEvent> parse(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new HttpRefusal(400, "the body is not UTF-8 text: send JSON Lines encoded as UTF-8; nothing was published");
    }
    EventLines.Result parsed;
    try {
      parsed = EventLines.parse(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String cannot fail", e);
    }
    if (parsed.hasErrors()) {
      List<String> lines = new ArrayList<>(parsed.errors().stream().limit(MAX_LISTED).map(LineError::toString).toList());
      if (parsed.errors().size() > MAX_LISTED) {
        lines.add("… and " + (parsed.errors().size() - MAX_LISTED) + " more");
      }
      throw new HttpRefusal(400, parsed.errors().size() + " problem(s) in the event lines; nothing was published",
          Map.of(), lines);
    }
    if (parsed.events().isEmpty()) {
      throw new HttpRefusal(400, "the body has no events: send JSON Lines, one event a line (domain.md §7)");
    }
    return parsed.events();
  }

  private static String shorten(String raw) {
    String cleaned = raw.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() <= 40 ? cleaned : cleaned.substring(0, 40) + "…";
  }
}
