package org.gongkai.api.publish;

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
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.HostInfo;
import org.gongkai.api.InstanceRouter;
import org.gongkai.api.security.HttpRefusal;
import org.gongkai.api.security.PublisherTokens;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.schemas.lines.LineError;
import org.gongkai.schemas.lines.ParsedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A town publisher's routes, each with {@code Authorization: Bearer <token>} of the town: the one
 * route that changes state, {@code POST /api/v1/towns/{town}/events} (event lines, JSON Lines as
 * for {@code gongkai publish}), and what became of them: the receipt of a publish
 * ({@code GET …/receipts/{batch}}) and the town's rejected events ({@code GET …/rejections}).
 * The answers of the POST, in the order they are checked:
 *
 * <ul>
 *   <li>403 when this instance has no publisher tokens: publishing over HTTP is disabled;
 *   <li>401 without a bearer token or with one that is no publisher's;
 *   <li>403 when the token is another town's, or a line is an event of another town;
 *   <li>400 when the body is not UTF-8, has no event, or has lines that cannot be published
 *       (malformed, or refused by the checks that need no state, {@link DoorChecks}): each one
 *       listed as {@code line N: reason}, like {@code gongkai publish};
 *   <li>202 with the count and the receipt's address once every event is acknowledged by Kafka;
 *       503 if Kafka does not take them.
 * </ul>
 *
 * All or nothing, like {@code publish}: one bad line and nothing is published. Publishing the same
 * lines again is safe (unchanged events count as duplicates), so a client that got no answer retries.
 * Browsers never send a bearer token on their own, so the routes need no CSRF defence.
 */
public final class PublishRoutes {
  public static final String TOWN_EVENTS = "/api/v1/towns/{town}/events";
  public static final String TOWN_RECEIPT = "/api/v1/towns/{town}/receipts/{batch}";
  public static final String TOWN_REJECTIONS = "/api/v1/towns/{town}/rejections";
  /** The town's published report of a year without events, as its figures (imported history). */
  public static final String TOWN_IMPORTED_REPORT = "/api/v1/towns/{town}/imported-reports/{year}";
  /** Rejections on one page at most. */
  static final int MAX_PAGE = 500;
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
  private static final Logger LOG = LoggerFactory.getLogger(PublishRoutes.class);
  private static final String CHALLENGE = "Bearer realm=\"gongkai\"";
  /** Problems listed in a 400; a body can have many thousand bad lines. */
  static final int MAX_LISTED = 200;

  /** Where accepted events go: {@code EventPublisher::publish} in the app. */
  @FunctionalInterface
  public interface Publisher {
    /** @return what Kafka acknowledged */
    EventPublisher.Sent publish(List<ParsedEvent> events) throws InterruptedException;
  }

  private final PublisherTokens tokens;
  private final Publisher publisher;
  private final DoorChecks door;
  private final TownRecords records;
  private final InstanceRouter router;

  public PublishRoutes(PublisherTokens tokens, Publisher publisher, DoorChecks door, TownRecords records,
      InstanceRouter router) {
    this.tokens = tokens;
    this.publisher = publisher;
    this.door = door;
    this.records = records;
    this.router = router;
  }

  /** The routes answer 403: no tokens configured. */
  public static PublishRoutes disabled() {
    return new PublishRoutes(PublisherTokens.none(), events -> {
      throw new IllegalStateException("publishing is disabled");
    }, null, null, null);
  }

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  public void register(RoutesConfig routes) {
    routes.post(TOWN_EVENTS, this::publish);
    routes.get(TOWN_RECEIPT, this::receipt);
    routes.get(TOWN_REJECTIONS, this::rejections);
    routes.post(TOWN_IMPORTED_REPORT, this::importReport);
  }

  /** The town of the path, once the request's token is shown to be that town's publisher's. */
  private String authorizedTown(Context ctx) {
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
    return town;
  }

  /** Whether another instance owns the town's records: then it answered, one hop away. */
  private boolean forwarded(Context ctx, String store, String town) {
    Optional<HostInfo> owner = router.remoteOwner(store, town);
    owner.ifPresent(host -> router.forward(ctx, host));
    return owner.isPresent();
  }

  private void receipt(Context ctx) {
    String town = authorizedTown(ctx);
    String batch = ctx.pathParam("batch");
    if (forwarded(ctx, org.gongkai.streams.StoreNames.RECEIPTS, town)) {
      return;
    }
    ReceiptView receipt = records.receipt(town, batch).orElseThrow(() -> new HttpRefusal(404, "no event of publish \""
        + shorten(batch) + "\" for town " + town + " has been applied yet (or the publish is older than 7 days)"));
    ctx.json(receipt);
  }

  private void rejections(Context ctx) {
    String town = authorizedTown(ctx);
    Integer year = number(ctx, "year") == null ? null : number(ctx, "year").intValue();
    Long before = number(ctx, "before");
    Long limit = number(ctx, "limit");
    if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
      throw new HttpRefusal(400, "limit must be 1 to " + MAX_PAGE + ", got " + limit);
    }
    if (forwarded(ctx, org.gongkai.streams.StoreNames.REJECTIONS, town)) {
      return;
    }
    TownRecords.Page page = records.rejections(town, year, before, limit == null ? 50 : limit.intValue());
    ctx.json(TownRecords.body(town, year, page));
  }

  /** A query parameter that must be a non-negative number, or null when absent. */
  private static Long number(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    if (!NUMBER.matcher(raw).matches()) {
      throw new HttpRefusal(400, name + " must be a number, got \"" + shorten(raw) + "\"");
    }
    return Long.valueOf(raw);
  }

  private void publish(Context ctx) throws InterruptedException {
    String town = authorizedTown(ctx);
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
    List<LineError> refused = door.problems(events);
    if (!refused.isEmpty()) {
      throw refusal(refused.size() + " event(s) cannot be counted; nothing was published", refused);
    }
    EventPublisher.Sent sent;
    try {
      sent = publisher.publish(events);
    } catch (RuntimeException e) {
      LOG.warn("publishing {} events for town {} failed: {}", events.size(), town, e.getMessage());
      throw new HttpRefusal(503, "Kafka did not take the events; send the same lines again in a moment "
          + "(events already stored count as duplicates)", Map.of("Retry-After", "5"), List.of());
    }
    int published = sent.events();
    LOG.info("published {} events for town {} over HTTP (publish {})", published, town, sent.batch());
    String receipt = "/api/v1/towns/" + town + "/receipts/" + sent.batch();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 202);
    body.put("town", town);
    body.put("published", published);
    body.put("batch", sent.batch());
    body.put("receipt", receipt);
    body.put("message", published + " event(s) published; GET " + receipt + " (with the same token) tells what "
        + "became of each once the streams have applied them, usually within a second");
    ctx.status(202).header("Location", receipt).json(body);
  }

  /**
   * A report's text as the town's figures for a year: 400 listing every problem (unknown town,
   * a year before 2019 or not ended, a text that is not that year's report), else 202 with the
   * receipt and the rules the figures break. Importing the same text again is a duplicate.
   */
  private void importReport(Context ctx) throws InterruptedException {
    String town = authorizedTown(ctx);
    String rawYear = ctx.pathParam("year");
    if (!rawYear.matches("[0-9]{4}")) {
      throw new HttpRefusal(400, "year must be a 4-digit year such as 2019, got \"" + shorten(rawYear) + "\"");
    }
    int year = Integer.parseInt(rawYear);
    String text = utf8(ctx.bodyAsBytes(), "send the report's text encoded as UTF-8; nothing was imported");
    ImportDoor.Checked checked = door.imports().check(town, year, text);
    if (!checked.ok()) {
      throw new HttpRefusal(400, "the report cannot be imported; nothing was published", Map.of(), checked.problems());
    }
    EventPublisher.Sent sent;
    try {
      sent = publisher.publish(List.of(ParsedEvent.of(1, checked.event())));
    } catch (RuntimeException e) {
      LOG.warn("publishing the imported {} report of town {} failed: {}", year, town, e.getMessage());
      throw new HttpRefusal(503, "Kafka did not take the report; send it again in a moment (the same text again "
          + "is a duplicate)", Map.of("Retry-After", "5"), List.of());
    }
    LOG.info("published the imported {} report of town {} over HTTP (publish {})", year, town, sent.batch());
    String receipt = "/api/v1/towns/" + town + "/receipts/" + sent.batch();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 202);
    body.put("town", town);
    body.put("year", year);
    body.put("batch", sent.batch());
    body.put("receipt", receipt);
    body.put("report", "/api/v1/towns/" + town + "/reports/" + year);
    body.put("source_digest", checked.event().getSourceDigest());
    body.put("violations", checked.event().getViolations().stream().map(v -> Map.of("rule", v.getRule(),
        "cells", v.getCells(), "message", v.getMessage(), "message_en", v.getMessageEn())).toList());
    body.put("message", "the " + year + " report is published; it is the town's figures for " + year
        + " if the town has no events up to " + year + ", else it is kept for published-vs-computed");
    ctx.status(202).header("Location", receipt).json(body);
  }

  private static String utf8(byte[] body, String advice) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new HttpRefusal(400, "the body is not UTF-8 text: " + advice);
    }
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
    String text = utf8(body, "send JSON Lines encoded as UTF-8; nothing was published");
    EventLines.Result parsed;
    try {
      parsed = EventLines.parse(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String cannot fail", e);
    }
    if (parsed.hasErrors()) {
      throw refusal(parsed.errors().size() + " problem(s) in the event lines; nothing was published", parsed.errors());
    }
    if (parsed.events().isEmpty()) {
      throw new HttpRefusal(400, "the body has no events: send JSON Lines, one event a line (docs/events.md)");
    }
    return parsed.events();
  }

  /** A 400 listing the bad lines, at most {@link #MAX_LISTED} of them. */
  private static HttpRefusal refusal(String message, List<LineError> errors) {
    List<String> lines = new ArrayList<>(errors.stream().limit(MAX_LISTED).map(LineError::toString).toList());
    if (errors.size() > MAX_LISTED) {
      lines.add("… and " + (errors.size() - MAX_LISTED) + " more");
    }
    return new HttpRefusal(400, message, Map.of(), lines);
  }

  private static String shorten(String raw) {
    String cleaned = raw.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() <= 40 ? cleaned : cleaned.substring(0, 40) + "…";
  }
}
