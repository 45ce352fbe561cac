package org.gongkai.schemas.lines;

import static org.gongkai.schemas.Quotes.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.AppealDecided;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DecisionMade;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.DocumentAction;
import org.gongkai.events.DocumentChange;
import org.gongkai.events.DocumentKind;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.ItemAction;
import org.gongkai.events.ItemChange;
import org.gongkai.events.ItemKind;
import org.gongkai.events.Outcome;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.events.TownEvent;
import org.gongkai.events.ReportImported;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Ids;
import org.gongkai.schemas.Quotes;
import org.gongkai.schemas.Yuan;

/**
 * Turns a publisher's event lines (JSON Lines, domain.md §7) into Avro records, checking the
 * syntax and types of every line. Errors do not stop parsing: every non-blank line ends up
 * either as a {@link ParsedEvent} or as one or more {@link LineError}s, never both, never
 * neither. Business rules (dates in range, unknown requests, conflicts) are the streams' job.
 *
 * <p>Rules, besides the ones of §7:
 *
 * <ul>
 *   <li>A line is one JSON object; duplicate keys and a second value are errors. Blank
 *       lines are skipped but counted; a UTF-8 byte order mark on line 1 is ignored.
 *   <li>Fields are exactly the common ones ({@code type}, {@code eventId}, {@code town}) and
 *       those of the type; an unknown field is an error, not ignored.
 *   <li>Ids ({@code eventId} and the business ids) are JSON strings of 1 to 200 characters
 *       (code points) without control characters, unpaired surrogates, or leading or trailing
 *       whitespace (which would make {@code "A-1"} and {@code "A-1 "} two ids). An
 *       {@code eventId} seen on an earlier line of the same input is an error.
 *   <li>{@code town} is exactly 9 ASCII digits; dates are {@code yyyy-mm-dd} and exist.
 *   <li>{@code amountYuan} is a JSON string holding an amount as {@link Yuan} defines it,
 *       normalized to exactly 2 decimals.
 *   <li>{@code year} is a JSON integer from 2008 to 9999.
 * </ul>
 */
public final class EventLines {

  /** Everything a parse found: the valid events and the errors, each in line order. */
  public record Result(List<ParsedEvent> events, List<LineError> errors) {
    public Result {
      events = List.copyOf(events);
      errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
      return !errors.isEmpty();
    }
  }

  static final int FIRST_YEAR = 2008;
  static final int LAST_YEAR = 9999;

  private static final Pattern TOWN = Pattern.compile("[0-9]{9}");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final DateTimeFormatter STRICT_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  /** Rejects duplicate keys; keeps numbers as written (2020.0 stays 2020.0) for messages. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  /** Reads the type-specific fields of a line and builds its record, or returns null. */
  @FunctionalInterface
  private interface Parser {
    SpecificRecord parse(Line line, String eventId, String town);
  }

  private record EventType(Parser parser) {}

  /** Every type of domain.md §7, in its order. */
  private static final Map<String, EventType> TYPES = eventTypes();

  private static Map<String, EventType> eventTypes() {
    Map<String, EventType> types = new LinkedHashMap<>();
    types.put("request.received", new EventType(EventLines::requestReceived));
    types.put("request.concluded", new EventType(EventLines::requestConcluded));
    types.put("procurement.awarded", new EventType(EventLines::procurementAwarded));
    types.put("appeal.filed", new EventType(EventLines::appealFiled));
    types.put("appeal.decided", new EventType(EventLines::appealDecided));
    types.put("document.issued", new EventType(document(DocumentAction.issued)));
    types.put("document.published", new EventType(document(DocumentAction.published)));
    types.put("document.repealed", new EventType(document(DocumentAction.repealed)));
    types.put("item.added", new EventType(item(ItemAction.added)));
    types.put("item.removed", new EventType(item(ItemAction.removed)));
    types.put("decision.made", new EventType(EventLines::decisionMade));
    types.put("fee.collected", new EventType(EventLines::feeCollected));
    types.put("year.closed", new EventType(EventLines::yearClosed));
    return Collections.unmodifiableMap(types);
  }

  private EventLines() {}

  /** Parses a UTF-8 file; malformed UTF-8 fails the whole file with an IOException. */
  public static Result parse(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    }
  }

  /** Parses every line the reader yields; does not close it. */
  public static Result parse(Reader reader) throws IOException {
    BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    List<ParsedEvent> events = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    Map<String, Integer> eventIdLines = new HashMap<>();
    int lineNumber = 0;
    for (String text = lines.readLine(); text != null; text = lines.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        continue;
      }
      List<String> problems = new ArrayList<>();
      ParsedEvent event = parseLine(lineNumber, text, eventIdLines, problems);
      if (problems.isEmpty()) {
        events.add(event);
      } else {
        for (String problem : problems) {
          errors.add(new LineError(lineNumber, problem));
        }
      }
    }
    return new Result(events, errors);
  }

  /**
   * The event as a publisher's line, the inverse of parsing: {@code type}, {@code eventId},
   * {@code town}, then the fields of its type, in the order of domain.md §7.
   */
  public static String format(TownEvent event) {
    ObjectNode line = JSON.createObjectNode();
    Object payload = event.getPayload();
    if (payload instanceof RequestEvent e) {
      boolean received = e.getChange() instanceof RequestReceived;
      common(line, received ? "request.received" : "request.concluded", e.getEventId(), e.getTown());
      line.put("requestId", e.getRequestId()).put("date", e.getDate().toString());
      if (e.getChange() instanceof RequestReceived r) {
        line.put("applicant", r.getApplicant().name());
      } else {
        line.put("outcome", ((RequestConcluded) e.getChange()).getOutcome().name());
      }
    } else if (payload instanceof ProcurementEvent e) {
      common(line, "procurement.awarded", e.getEventId(), e.getTown());
      line.put("projectId", e.getProjectId()).put("date", e.getDate().toString()).put("amountYuan", e.getAmountYuan());
    } else if (payload instanceof AppealEvent e) {
      boolean filed = e.getChange() instanceof AppealFiled;
      common(line, filed ? "appeal.filed" : "appeal.decided", e.getEventId(), e.getTown());
      line.put("caseId", e.getCaseId()).put("date", e.getDate().toString());
      if (e.getChange() instanceof AppealFiled f) {
        line.put("kind", f.getKind().name());
      } else {
        line.put("result", ((AppealDecided) e.getChange()).getResult().name());
      }
    } else if (payload instanceof DisclosureEvent e) {
      disclosure(line, e);
    } else if (payload instanceof ReportImported e) {
      // Not an event line a publisher writes (gongkai import sends it): its report, not its cells.
      common(line, "report.imported", e.getEventId(), e.getTown());
      line.put("year", e.getYear()).put("sourceDigest", e.getSourceDigest());
    } else {
      YearClosedEvent e = (YearClosedEvent) payload;
      common(line, "year.closed", e.getEventId(), e.getTown());
      line.put("year", e.getYear());
    }
    return line.toString();
  }

  private static void disclosure(ObjectNode line, DisclosureEvent e) {
    Object fact = e.getFact();
    String date = e.getDate().toString();
    if (fact instanceof DocumentChange d) {
      common(line, "document." + d.getAction().name(), e.getEventId(), e.getTown());
      line.put("documentId", d.getDocumentId()).put("date", date).put("kind", d.getKind().name());
    } else if (fact instanceof ItemChange i) {
      common(line, "item." + i.getAction().name(), e.getEventId(), e.getTown());
      line.put("itemId", i.getItemId()).put("date", date).put("kind", i.getKind().name());
    } else if (fact instanceof DecisionMade d) {
      common(line, "decision.made", e.getEventId(), e.getTown());
      line.put("decisionId", d.getDecisionId()).put("date", date).put("kind", d.getKind().name());
    } else {
      FeeCollected f = (FeeCollected) fact;
      common(line, "fee.collected", e.getEventId(), e.getTown());
      line.put("feeId", f.getFeeId()).put("date", date).put("amountYuan", f.getAmountYuan());
    }
  }

  private static void common(ObjectNode line, String type, String eventId, String town) {
    line.put("type", type).put("eventId", eventId).put("town", town);
  }

  /** Returns the event, or null with the reasons added to {@code problems}. */
  private static ParsedEvent parseLine(
      int lineNumber, String text, Map<String, Integer> eventIdLines, List<String> problems) {
    JsonNode node;
    try (JsonParser parser = JSON.createParser(text)) {
      node = JSON.readTree(parser);
      if (parser.nextToken() != null) {
        problems.add("not valid JSON: more than one value on the line, the second at column "
            + parser.currentTokenLocation().getColumnNr());
        return null;
      }
    } catch (JsonProcessingException e) {
      problems.add(jsonProblem(e));
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String cannot fail", e);
    }
    if (!node.isObject()) {
      problems.add("not a JSON object but " + describe(node));
      return null;
    }
    Line line = new Line(node, problems);
    String typeName = line.string("type");
    EventType type = typeName == null ? null : TYPES.get(typeName);
    if (typeName != null && type == null) {
      problems.add("type " + quote(typeName) + " is not one of " + String.join(", ", TYPES.keySet()));
    }
    String eventId = line.id("eventId");
    if (eventId != null) {
      Integer first = eventIdLines.putIfAbsent(eventId, lineNumber);
      if (first != null) {
        problems.add("eventId " + quote(eventId) + " was already used on line " + first);
      }
    }
    String town = line.town("town");
    if (type == null) {
      return null;
    }
    SpecificRecord record = type.parser().parse(line, eventId, town);
    line.rejectUnreadFields(typeName);
    return problems.isEmpty() ? ParsedEvent.of(lineNumber, record) : null;
  }

  // ---- one parser per event type family ----

  private static SpecificRecord requestReceived(Line line, String eventId, String town) {
    String requestId = line.id("requestId");
    LocalDate date = line.date("date");
    Applicant applicant = line.symbol("applicant", Applicant.class);
    return line.ok() ? request(eventId, town, requestId, date, new RequestReceived(applicant)) : null;
  }

  private static SpecificRecord requestConcluded(Line line, String eventId, String town) {
    String requestId = line.id("requestId");
    LocalDate date = line.date("date");
    Outcome outcome = line.symbol("outcome", Outcome.class);
    return line.ok() ? request(eventId, town, requestId, date, new RequestConcluded(outcome)) : null;
  }

  private static RequestEvent request(
      String eventId, String town, String requestId, LocalDate date, Object change) {
    return RequestEvent.newBuilder()
        .setEventId(eventId).setTown(town).setRequestId(requestId).setDate(date).setChange(change)
        .build();
  }

  private static SpecificRecord procurementAwarded(Line line, String eventId, String town) {
    String projectId = line.id("projectId");
    LocalDate date = line.date("date");
    String amountYuan = line.amount("amountYuan");
    if (!line.ok()) {
      return null;
    }
    return ProcurementEvent.newBuilder()
        .setEventId(eventId).setTown(town).setProjectId(projectId).setDate(date).setAmountYuan(amountYuan)
        .build();
  }

  private static SpecificRecord appealFiled(Line line, String eventId, String town) {
    String caseId = line.id("caseId");
    LocalDate date = line.date("date");
    AppealKind kind = line.symbol("kind", AppealKind.class);
    return line.ok() ? appeal(eventId, town, caseId, date, new AppealFiled(kind)) : null;
  }

  private static SpecificRecord appealDecided(Line line, String eventId, String town) {
    String caseId = line.id("caseId");
    LocalDate date = line.date("date");
    AppealResult result = line.symbol("result", AppealResult.class);
    return line.ok() ? appeal(eventId, town, caseId, date, new AppealDecided(result)) : null;
  }

  private static AppealEvent appeal(String eventId, String town, String caseId, LocalDate date, Object change) {
    return AppealEvent.newBuilder()
        .setEventId(eventId).setTown(town).setCaseId(caseId).setDate(date).setChange(change)
        .build();
  }

  private static Parser document(DocumentAction action) {
    return (line, eventId, town) -> {
      String documentId = line.id("documentId");
      LocalDate date = line.date("date");
      DocumentKind kind = line.symbol("kind", DocumentKind.class);
      return line.ok() ? disclosure(eventId, town, date, new DocumentChange(documentId, action, kind)) : null;
    };
  }

  private static Parser item(ItemAction action) {
    return (line, eventId, town) -> {
      String itemId = line.id("itemId");
      LocalDate date = line.date("date");
      ItemKind kind = line.symbol("kind", ItemKind.class);
      return line.ok() ? disclosure(eventId, town, date, new ItemChange(itemId, action, kind)) : null;
    };
  }

  private static SpecificRecord decisionMade(Line line, String eventId, String town) {
    String decisionId = line.id("decisionId");
    LocalDate date = line.date("date");
    DecisionKind kind = line.symbol("kind", DecisionKind.class);
    return line.ok() ? disclosure(eventId, town, date, new DecisionMade(decisionId, kind)) : null;
  }

  private static SpecificRecord feeCollected(Line line, String eventId, String town) {
    String feeId = line.id("feeId");
    LocalDate date = line.date("date");
    String amountYuan = line.amount("amountYuan");
    return line.ok() ? disclosure(eventId, town, date, new FeeCollected(feeId, amountYuan)) : null;
  }

  private static DisclosureEvent disclosure(String eventId, String town, LocalDate date, Object fact) {
    return DisclosureEvent.newBuilder().setEventId(eventId).setTown(town).setDate(date).setFact(fact).build();
  }

  private static SpecificRecord yearClosed(Line line, String eventId, String town) {
    Integer year = line.year("year");
    return line.ok() ? new YearClosedEvent(eventId, town, year) : null;
  }

  // ---- field readers ----

  /**
   * One JSON object being read. Each reader returns the field's value, or null after adding a
   * problem that names the field; it remembers the field as read so that the fields nobody
   * read can be reported as unknown.
   */
  private static final class Line {
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> read = new LinkedHashSet<>();

    Line(JsonNode node, List<String> problems) {
      this.node = node;
      this.problems = problems;
    }

    boolean ok() {
      return problems.isEmpty();
    }

    private JsonNode field(String name) {
      read.add(name);
      JsonNode value = node.get(name);
      if (value == null) {
        problems.add(name + " is missing");
      }
      return value;
    }

    String string(String name) {
      JsonNode value = field(name);
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        problems.add(name + " must be a JSON string, got " + describe(value));
        return null;
      }
      return value.textValue();
    }

    String id(String name) {
      return check(name, string(name), Ids::problem);
    }

    String town(String name) {
      return check(name, string(name),
          value -> TOWN.matcher(value).matches() ? null : "is not a 9-digit town code (9 ASCII digits)");
    }

    LocalDate date(String name) {
      String value = check(name, string(name), EventLines::dateProblem);
      return value == null ? null : LocalDate.parse(value, STRICT_DATE);
    }

    String amount(String name) {
      String value = check(name, string(name), Yuan::problem);
      return value == null ? null : Yuan.parse(value).text();
    }

    <E extends Enum<E>> E symbol(String name, Class<E> type) {
      String value = string(name);
      if (value == null) {
        return null;
      }
      E[] symbols = type.getEnumConstants();
      for (E symbol : symbols) {
        if (symbol.name().equals(value)) {
          return symbol;
        }
      }
      problems.add(name + " " + quote(value) + " is not one of "
          + Arrays.stream(symbols).map(Enum::name).collect(Collectors.joining(", ")));
      return null;
    }

    Integer year(String name) {
      JsonNode value = field(name);
      if (value == null) {
        return null;
      }
      if (!value.isIntegralNumber()) {
        problems.add(name + " must be a JSON integer, got " + describe(value));
        return null;
      }
      BigInteger year = value.bigIntegerValue();
      if (year.compareTo(BigInteger.valueOf(FIRST_YEAR)) < 0 || year.compareTo(BigInteger.valueOf(LAST_YEAR)) > 0) {
        problems.add(name + " " + truncate(year.toString()) + " is not between " + FIRST_YEAR + " and " + LAST_YEAR);
        return null;
      }
      return year.intValueExact();
    }

    /** Reports every field of the object that no reader asked for. */
    void rejectUnreadFields(String typeName) {
      List<String> unknown = new ArrayList<>();
      node.fieldNames().forEachRemaining(name -> {
        if (!read.contains(name)) {
          unknown.add(quote(name));
        }
      });
      if (!unknown.isEmpty()) {
        problems.add((unknown.size() == 1 ? "unknown field " : "unknown fields ")
            + String.join(", ", unknown) + " for " + typeName + " (allowed: " + String.join(", ", read) + ")");
      }
    }

    private String check(String name, String value, Function<String, String> rule) {
      if (value == null) {
        return null;
      }
      String problem = rule.apply(value);
      if (problem != null) {
        problems.add(name + " " + quote(value) + " " + problem);
        return null;
      }
      return value;
    }
  }

  // ---- value rules: each returns what is wrong, or null ----

  private static String dateProblem(String value) {
    if (!DATE.matcher(value).matches()) {
      return "is not a date yyyy-mm-dd";
    }
    try {
      LocalDate.parse(value, STRICT_DATE);
      return null;
    } catch (DateTimeParseException e) {
      return "does not exist";
    }
  }

  // ---- messages ----

  private static String jsonProblem(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where = location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    return "not valid JSON" + where + ": " + truncate(message.replaceAll("\\s+", " "), 160);
  }

  /** A JSON value for a message: its type and, but for null, its text (truncated). */
  private static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    String text = value.isTextual() ? quote(value.textValue()) : truncate(value.toString());
    return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + text;
  }

  /** A string as a message quotes it: double-quoted, escaped, truncated to 60 characters. */
  private static String truncate(String text) {
    return truncate(text, Quotes.LIMIT);
  }

  private static String truncate(String text, int limit) {
    return text.codePointCount(0, text.length()) <= limit
        ? text
        : text.substring(0, text.offsetByCodePoints(0, limit)) + "…";
  }
}
