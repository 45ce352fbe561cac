package org.gongkai.schemas.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.gongkai.events.YearClosedEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.schemas.TrustedPackages;
import org.gongkai.schemas.lines.EventLines.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventLinesTest {

  static {
    // Avro reads the trusted packages once, on its first class check: before any record is built.
    TrustedPackages.install();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOWN = "360923105";
  private static final String SEED = "seeds/events/360923105-2020.jsonl";

  /** The keys of domain.md, not of the Avro enums: the test checks one against the other. */
  private static final List<String> APPLICANT_COLUMNS = List.of("natural_person", "commercial_enterprise",
      "research_institution", "public_interest_org", "legal_service_org", "other_org");
  private static final List<String> RESULT_ROWS = List.of("granted", "partially_granted",
      "withheld_state_secret", "withheld_prohibited_by_law", "withheld_security_stability",
      "withheld_third_party_rights", "withheld_internal_affairs", "withheld_process_info",
      "withheld_enforcement_file", "withheld_admin_query", "unavailable_not_held",
      "unavailable_needs_creation", "unavailable_unclear", "declined_petition", "declined_duplicate",
      "declined_publication", "declined_excessive", "declined_reconfirm", "other_overdue_correction",
      "other_unpaid_fee", "other");
  private static final List<String> TYPES = List.of("request.received", "request.concluded",
      "procurement.awarded", "appeal.filed", "appeal.decided", "document.issued", "document.published",
      "document.repealed", "item.added", "item.removed", "decision.made", "fee.collected", "year.closed");

  // ---- lines ----

  @Test
  void shouldSkipBlankLinesWhenCountingLineNumbers() throws IOException {
    Result result = parse("", "   \t", valid("procurement.awarded"));

    assertEquals(List.of(), result.errors());
    assertEquals(3, result.events().get(0).lineNumber());
  }

  @Test
  void shouldKeepCheckingLinesWhenEarlierLinesHaveErrors() throws IOException {
    Result result = parse(
        valid("procurement.awarded").put("amountYuan", "-1"),
        valid("procurement.awarded").put("eventId", "ev-2"),
        "not json",
        valid("procurement.awarded").put("eventId", "ev-4"));

    assertEquals(List.of(1, 3), result.errors().stream().map(LineError::lineNumber).toList());
    assertEquals(List.of(2, 4), result.events().stream().map(ParsedEvent::lineNumber).toList());
  }

  @Test
  void shouldReportInvalidJsonWhenLineIsNotJson() throws IOException {
    LineError error = onlyError(parse("{\"type\": \"procurement.awarded\","));

    assertEquals(1, error.lineNumber());
    assertTrue(error.reason().startsWith("not valid JSON"), error.reason());
  }

  @Test
  void shouldReportInvalidJsonWhenLineHoldsTwoValues() throws IOException {
    LineError error = onlyError(parse("{} []"));

    assertEquals("not valid JSON: more than one value on the line, the second at column 4", error.reason());
  }

  @Test
  void shouldReportInvalidJsonWhenAFieldIsRepeated() throws IOException {
    String line = valid("procurement.awarded").toString().replace("{", "{\"date\": \"2020-01-01\", ");

    LineError error = onlyError(parse(line));

    assertTrue(error.reason().startsWith("not valid JSON"), error.reason());
    assertTrue(error.reason().contains("date"), error.reason());
  }

  @Test
  void shouldReportNotAnObjectWhenLineIsAJsonArray() throws IOException {
    LineError error = onlyError(parse("[\"procurement.awarded\"]"));

    assertEquals("not a JSON object but array [\"procurement.awarded\"]", error.reason());
  }

  @Test
  void shouldIgnoreByteOrderMarkWhenOnFirstLine() throws IOException {
    Result result = parse("\uFEFF" + valid("year.closed"));

    assertEquals(List.of(), result.errors());
    assertEquals(1, result.events().size());
  }

  @Test
  void shouldFormatLineErrorWithLineNumberAndReason() {
    assertEquals("line 12: amountYuan \"12.345\" has more than 2 decimals",
        new LineError(12, "amountYuan \"12.345\" has more than 2 decimals").toString());
  }

  // ---- type ----

  @Test
  void shouldReportUnknownTypeWhenTypeIsNotInDomain() throws IOException {
    LineError error = onlyError(parse(valid("request.received").put("type", "request.recieved")));

    assertTrue(error.reason().startsWith("type \"request.recieved\" is not one of request.received, "),
        error.reason());
  }

  @Test
  void shouldReportMissingTypeWhenTypeIsAbsent() throws IOException {
    ObjectNode line = valid("procurement.awarded");
    line.remove("type");

    assertEquals("type is missing", onlyError(parse(line)).reason());
  }

  // ---- eventId ----

  @Test
  void shouldRejectEventIdWhenEmpty() throws IOException {
    assertEquals("eventId \"\" is empty",
        onlyError(parse(valid("procurement.awarded").put("eventId", ""))).reason());
  }

  @Test
  void shouldRejectEventIdWhenLongerThan200Characters() throws IOException {
    LineError error = onlyError(parse(valid("procurement.awarded").put("eventId", "e".repeat(201))));

    assertTrue(error.reason().startsWith("eventId \"eee"), error.reason());
    assertTrue(error.reason().endsWith("is longer than 200 characters"), error.reason());
  }

  @Test
  void shouldAcceptIdWhenItHas200ChineseCharacters() throws IOException {
    Result result = parse(valid("procurement.awarded").put("eventId", "南".repeat(200)));

    assertEquals(List.of(), result.errors());
  }

  @Test
  void shouldRejectDuplicateEventIdOnTheLaterLine() throws IOException {
    Result result = parse(
        valid("procurement.awarded").put("eventId", "same"),
        valid("year.closed").put("eventId", "other"),
        valid("year.closed").put("eventId", "same"));

    assertEquals(List.of(new LineError(3, "eventId \"same\" was already used on line 1")), result.errors());
    assertEquals(List.of(1, 2), result.events().stream().map(ParsedEvent::lineNumber).toList());
  }

  // ---- town ----

  @ParameterizedTest
  @ValueSource(strings = {"36092310", "3609231050", "36092310a", "３６０９２３１０５", " 360923105", "", "360923"})
  void shouldRejectTownWhenNotNineAsciiDigits(String town) throws IOException {
    LineError error = onlyError(parse(valid("procurement.awarded").put("town", town)));

    assertTrue(error.reason().startsWith("town \"" + town + "\" is not a 9-digit town code"), error.reason());
  }

  // ---- fields present, of the right JSON type, nothing else ----

  static Stream<Arguments> everyTypeAndField() {
    return TYPES.stream().flatMap(type -> {
      List<String> fields = new ArrayList<>();
      valid(type).fieldNames().forEachRemaining(fields::add);
      return fields.stream().map(field -> Arguments.of(type, field));
    });
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("everyTypeAndField")
  void shouldReportMissingFieldWhenRequiredFieldIsAbsent(String type, String field) throws IOException {
    ObjectNode line = valid(type);
    line.remove(field);

    assertEquals(field + " is missing", onlyError(parse(line)).reason());
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "procurement.awarded | projectId  | 42                  | number 42",
      "procurement.awarded | amountYuan | 8228.7              | number 8228.7",
      "procurement.awarded | town       | 360923105           | number 360923105",
      "procurement.awarded | eventId    | true                | boolean true",
      "procurement.awarded | type       | 5                   | number 5",
      "request.received    | date       | 20200616            | number 20200616",
      "request.received    | applicant  | null                | null",
      "appeal.filed        | kind       | [\"reconsideration\"] | array [\"reconsideration\"]",
      "year.closed         | year       | \"2020\"            | string \"2020\"",
      "year.closed         | year       | 2020.5              | number 2020.5",
      "year.closed         | year       | 2020.0              | number 2020.0",
      "procurement.awarded | amountYuan | 8228.70             | number 8228.70",
  })
  void shouldReportWrongJsonTypeWhenFieldHasAnotherType(String type, String field, String json, String got)
      throws IOException {
    String line = valid(type).put(field, "@").toString().replace("\"@\"", json);

    String expected = field.equals("year") ? "must be a JSON integer" : "must be a JSON string";
    assertEquals(field + " " + expected + ", got " + got, onlyError(parse(line)).reason());
  }

  @Test
  void shouldReportUnknownFieldWhenLineHasAnExtraField() throws IOException {
    LineError error = onlyError(parse(valid("procurement.awarded").put("note", "x")));

    assertTrue(error.reason().startsWith("unknown field \"note\" for procurement.awarded"), error.reason());
  }

  @Test
  void shouldNameEveryUnknownFieldInOneErrorWhenThereAreSeveral() throws IOException {
    LineError error = onlyError(parse(valid("request.received").put("outcome", "granted").put("Date", "x")));

    assertTrue(error.reason().startsWith("unknown fields \"outcome\", \"Date\" for request.received"),
        error.reason());
  }

  // ---- dates ----

  @ParameterizedTest
  @ValueSource(strings = {"2020-02-30", "2021-02-29", "2020-13-01", "2020-00-10", "2020-04-31", "2020-01-00"})
  void shouldRejectDateWhenItDoesNotExist(String date) throws IOException {
    assertEquals("date \"" + date + "\" does not exist",
        onlyError(parse(valid("procurement.awarded").put("date", date))).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020-2-3", "2020/02/03", "20200203", "2020-02-03T08:00", "２０２０-02-03", "", "03-02-2020"})
  void shouldRejectDateWhenNotYyyyMmDd(String date) throws IOException {
    assertEquals("date \"" + date + "\" is not a date yyyy-mm-dd",
        onlyError(parse(valid("appeal.filed").put("date", date))).reason());
  }

  @Test
  void shouldAcceptLeapDayWhenYearIsLeap() throws IOException {
    ProcurementEvent event = (ProcurementEvent) onlyEvent(parse(valid("procurement.awarded").put("date", "2020-02-29"))).payload();

    assertEquals(LocalDate.of(2020, 2, 29), event.getDate());
  }

  // ---- enum values ----

  @Test
  void shouldRejectApplicantWhenItIsTheTotalColumn() throws IOException {
    LineError error = onlyError(parse(valid("request.received").put("applicant", "total")));

    assertEquals("applicant \"total\" is not one of " + String.join(", ", APPLICANT_COLUMNS), error.reason());
  }

  @ParameterizedTest
  @MethodSource("applicantColumns")
  void shouldAcceptApplicantWhenItIsAColumnKey(String applicant) throws IOException {
    RequestEvent event = (RequestEvent) onlyEvent(parse(valid("request.received").put("applicant", applicant))).payload();

    assertEquals(applicant, ((RequestReceived) event.getChange()).getApplicant().name());
  }

  static List<String> applicantColumns() {
    return APPLICANT_COLUMNS;
  }

  @ParameterizedTest
  @ValueSource(strings = {"received", "carried_over", "concluded_total", "carried_forward", "Granted", "withheld", "total"})
  void shouldRejectOutcomeWhenItIsNotAResultRow(String outcome) throws IOException {
    LineError error = onlyError(parse(valid("request.concluded").put("outcome", outcome)));

    assertEquals("outcome \"" + outcome + "\" is not one of " + String.join(", ", RESULT_ROWS), error.reason());
  }

  @ParameterizedTest
  @MethodSource("resultRows")
  void shouldAcceptOutcomeWhenItIsAResultRow(String outcome) throws IOException {
    RequestEvent event = (RequestEvent) onlyEvent(parse(valid("request.concluded").put("outcome", outcome))).payload();

    assertEquals(outcome, ((RequestConcluded) event.getChange()).getOutcome().name());
  }

  static List<String> resultRows() {
    return RESULT_ROWS;
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @CsvSource({
      "appeal.filed, kind, litigation",
      "appeal.filed, kind, total",
      "appeal.decided, result, pending",
      "appeal.decided, result, Upheld",
      "document.issued, kind, normative_documents",
      "document.repealed, kind, rules",
      "item.added, kind, procurement",
      "item.removed, kind, decisions",
      "decision.made, kind, fees",
  })
  void shouldRejectKindWhenItIsNotAKeyOfTheDomain(String type, String field, String value) throws IOException {
    LineError error = onlyError(parse(valid(type).put(field, value)));

    assertTrue(error.reason().startsWith(field + " \"" + value + "\" is not one of "), error.reason());
  }

  // ---- amountYuan ----

  @Test
  void shouldRejectAmountWhenItHasMoreThanTwoDecimals() throws IOException {
    Result result = parse(valid("procurement.awarded").put("amountYuan", "12.345"));

    assertEquals("line 1: amountYuan \"12.345\" has more than 2 decimals", onlyError(result).toString());
  }

  @Test
  void shouldRejectFeeAmountWhenItHasMoreThanTwoDecimals() throws IOException {
    assertEquals("amountYuan \"0.125\" has more than 2 decimals",
        onlyError(parse(valid("fee.collected").put("amountYuan", "0.125"))).reason());
  }

  @Test
  void shouldRejectAmountWhenNegative() throws IOException {
    assertEquals("amountYuan \"-5.00\" is negative",
        onlyError(parse(valid("procurement.awarded").put("amountYuan", "-5.00"))).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e3", "1,000.00", " 12", "12.", ".5", "+5", "１２", "", "12.5元", "NaN", "0x10"})
  void shouldRejectAmountWhenNotAPlainDecimal(String amount) throws IOException {
    LineError error = onlyError(parse(valid("procurement.awarded").put("amountYuan", amount)));

    assertTrue(error.reason().startsWith("amountYuan \"" + amount + "\" is not a plain decimal"), error.reason());
  }

  @Test
  void shouldRejectAmountWhenItHasMoreThan15IntegerDigits() throws IOException {
    assertEquals("amountYuan \"1000000000000000\" has more than 15 integer digits",
        onlyError(parse(valid("procurement.awarded").put("amountYuan", "1000000000000000"))).reason());
  }

  @ParameterizedTest
  @CsvSource({"8228.7, 8228.70", "12, 12.00", "0, 0.00", "0.5, 0.50", "007.5, 7.50", "1456381.00, 1456381.00",
      "999999999999999.99, 999999999999999.99"})
  void shouldNormalizeAmountToTwoDecimalsWhenValid(String amount, String normalized) throws IOException {
    ProcurementEvent event = (ProcurementEvent) onlyEvent(parse(valid("procurement.awarded").put("amountYuan", amount))).payload();

    assertEquals(normalized, event.getAmountYuan());
  }

  // ---- year ----

  @ParameterizedTest
  @ValueSource(longs = {2007, 10000, 0, -2020, 99999999999L})
  void shouldRejectYearWhenOutOfRange(long year) throws IOException {
    assertEquals("year " + year + " is not between 2008 and 9999",
        onlyError(parse(valid("year.closed").put("year", year))).reason());
  }

  @ParameterizedTest
  @ValueSource(ints = {2008, 9999})
  void shouldAcceptYearWhenAtTheBounds(int year) throws IOException {
    YearClosedEvent event = (YearClosedEvent) onlyEvent(parse(valid("year.closed").put("year", year))).payload();

    assertEquals(year, event.getYear());
  }

  // ---- business ids ----

  @ParameterizedTest(name = "{0}.{1}")
  @CsvSource({"request.received, requestId", "procurement.awarded, projectId", "appeal.decided, caseId",
      "document.published, documentId", "item.added, itemId", "decision.made, decisionId", "fee.collected, feeId"})
  void shouldRejectIdWhenEmpty(String type, String field) throws IOException {
    assertEquals(field + " \"\" is empty", onlyError(parse(valid(type).put(field, ""))).reason());
  }

  @Test
  void shouldRejectIdWhenLongerThan200Characters() throws IOException {
    LineError error = onlyError(parse(valid("appeal.filed").put("caseId", "c".repeat(201))));

    assertTrue(error.reason().endsWith("is longer than 200 characters"), error.reason());
    assertTrue(error.reason().startsWith("caseId \""), error.reason());
  }

  @Test
  void shouldRejectIdWhenItContainsAControlCharacter() throws IOException {
    assertEquals("projectId \"NG\\u0007-1\" contains a control character",
        onlyError(parse(valid("procurement.awarded").put("projectId", "NG\u0007-1"))).reason());
  }

  @Test
  void shouldRejectIdWhenItHasTrailingWhitespace() throws IOException {
    assertEquals("requestId \"NG-2020-YSQ-001 \" has leading or trailing whitespace",
        onlyError(parse(valid("request.received").put("requestId", "NG-2020-YSQ-001 "))).reason());
  }

  @Test
  void shouldTruncateQuotedValueWhenLongerThan60Characters() throws IOException {
    String id = "x".repeat(60) + "y".repeat(240);

    LineError error = onlyError(parse(valid("item.removed").put("itemId", id)));

    assertEquals("itemId \"" + "x".repeat(60) + "…\" is longer than 200 characters", error.reason());
  }

  // ---- mapping: every type into its record, in the envelope of the events topic ----

  @Test
  void shouldMapRequestReceivedToRequestEvent() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("request.received")));

    assertEquals(new RequestEvent("ev-1", TOWN, "NG-2020-YSQ-001", LocalDate.of(2020, 6, 16),
        new RequestReceived(Applicant.natural_person)), parsed.payload());
  }

  @Test
  void shouldMapRequestConcludedToRequestEvent() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("request.concluded")));

    assertEquals(new RequestEvent("ev-1", TOWN, "NG-2020-YSQ-001", LocalDate.of(2020, 7, 3),
        new RequestConcluded(Outcome.granted)), parsed.payload());
  }

  @Test
  void shouldMapProcurementAwardedToProcurementEvent() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("procurement.awarded")));

    assertEquals(new ProcurementEvent("ev-1", TOWN, "NG-2020-CG-001", LocalDate.of(2020, 1, 2), "8228.70"),
        parsed.payload());
  }

  @Test
  void shouldMapAppealFiledToAppealEvent() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("appeal.filed")));

    assertEquals(new AppealEvent("ev-1", TOWN, "FY-1", LocalDate.of(2020, 3, 2),
        new AppealFiled(AppealKind.reconsideration)), parsed.payload());
  }

  @Test
  void shouldMapAppealDecidedToAppealEvent() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("appeal.decided")));

    assertEquals(new AppealEvent("ev-1", TOWN, "FY-1", LocalDate.of(2020, 5, 6),
        new AppealDecided(AppealResult.corrected)), parsed.payload());
  }

  @ParameterizedTest
  @CsvSource({"document.issued, issued", "document.published, published", "document.repealed, repealed"})
  void shouldMapDocumentEventsToDocumentChange(String type, DocumentAction action)
      throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid(type)));

    assertEquals(new DisclosureEvent("ev-1", TOWN, LocalDate.of(2020, 4, 1),
        new DocumentChange("WJ-1", action, DocumentKind.normative_document)), parsed.payload());
  }

  @ParameterizedTest
  @CsvSource({"item.added, added", "item.removed, removed"})
  void shouldMapItemEventsToItemChange(String type, ItemAction action) throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid(type)));

    assertEquals(new DisclosureEvent("ev-1", TOWN, LocalDate.of(2020, 4, 1),
        new ItemChange("SX-1", action, ItemKind.other_services)), parsed.payload());
  }

  @Test
  void shouldMapDecisionMadeToDecisionMade() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("decision.made")));

    assertEquals(new DisclosureEvent("ev-1", TOWN, LocalDate.of(2020, 4, 1),
        new DecisionMade("JD-1", DecisionKind.penalties)), parsed.payload());
  }

  @Test
  void shouldMapFeeCollectedToFeeCollected() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("fee.collected")));

    assertEquals(new DisclosureEvent("ev-1", TOWN, LocalDate.of(2020, 4, 1),
        new FeeCollected("SF-1", "35.00")), parsed.payload());
  }

  @Test
  void shouldMapYearClosedToYearClosedEvent() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("year.closed")));

    assertEquals(new YearClosedEvent("ev-1", TOWN, 2020), parsed.payload());
  }

  @Test
  void shouldKeepTownAsKeyWhenParsed() throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid("fee.collected").put("town", "350128100")));

    assertEquals("350128100", parsed.town());
  }

  @ParameterizedTest
  @MethodSource("types")
  void shouldEncodeValueWithTheTopicSerdeWhenAsked(String type) throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid(type)));

    assertEquals(parsed.event(), Topics.EVENTS.decode(parsed.value()));
  }

  @ParameterizedTest
  @MethodSource("types")
  void shouldGiveBackTheSameLineWhenAnEventIsFormatted(String type) throws IOException {
    ParsedEvent parsed = onlyEvent(parse(valid(type)));

    String line = EventLines.format(parsed.event());

    assertEquals(type, JSON.readTree(line).get("type").asText());
    assertEquals(parsed.event(), onlyEvent(parse(line)).event());
  }

  static List<String> types() {
    return TYPES;
  }

  @Test
  void shouldRefuseParsedEventWhenTheRecordIsNotAnEventFamily() {
    org.gongkai.state.FactState notAnEvent = new org.gongkai.state.FactState("2020-01-01 100 fen");

    assertThrows(IllegalArgumentException.class, () -> ParsedEvent.of(1, notAnEvent));
  }

  @Test
  void shouldFailWholeFileWhenItIsNotUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("gbk.jsonl");
    Files.write(file, valid("year.closed").toString().replace("ev-1", "南港").getBytes("GBK"));

    assertThrows(CharacterCodingException.class, () -> EventLines.parse(file));
  }

  // ---- the seed file ----

  @Test
  void shouldParseSeedFileWithoutErrors() throws IOException {
    Result result = EventLines.parse(seed());

    assertEquals(List.of(), result.errors());
    assertEquals(179, result.events().size());
  }

  @Test
  void shouldSumSeedProcurementToTheReferenceTotal() throws IOException {
    List<ProcurementEvent> procurement = records(EventLines.parse(seed()), ProcurementEvent.class);

    BigDecimal sum = procurement.stream().map(p -> new BigDecimal(p.getAmountYuan()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(177, procurement.size());
    assertEquals(new BigDecimal("1456381.00"), sum);
    assertEquals("145.6381", sum.movePointLeft(4).setScale(4).toPlainString());
  }

  @Test
  void shouldDateEverySeedProcurementWithin2020() throws IOException {
    List<ProcurementEvent> procurement = records(EventLines.parse(seed()), ProcurementEvent.class);

    assertTrue(procurement.stream().allMatch(p -> p.getDate().getYear() == 2020));
    assertEquals(177, procurement.stream().map(ProcurementEvent::getProjectId).distinct().count());
  }

  @Test
  void shouldHoldOneNaturalPersonRequestGrantedIn2020InTheSeed() throws IOException {
    List<RequestEvent> requests = records(EventLines.parse(seed()), RequestEvent.class);

    assertEquals(2, requests.size());
    assertTrue(requests.stream().allMatch(r -> r.getRequestId().equals("NG-2020-YSQ-001")));
    assertTrue(requests.stream().allMatch(r -> r.getDate().getYear() == 2020));
    assertEquals(new RequestReceived(Applicant.natural_person), requests.get(0).getChange());
    assertEquals(new RequestConcluded(Outcome.granted), requests.get(1).getChange());
  }

  // ---- helpers ----

  /** A valid line of each type; tests change one field of it. */
  private static ObjectNode valid(String type) {
    ObjectNode line = JSON.createObjectNode().put("type", type).put("eventId", "ev-1").put("town", TOWN);
    return switch (type) {
      case "request.received" ->
          line.put("requestId", "NG-2020-YSQ-001").put("date", "2020-06-16").put("applicant", "natural_person");
      case "request.concluded" ->
          line.put("requestId", "NG-2020-YSQ-001").put("date", "2020-07-03").put("outcome", "granted");
      case "procurement.awarded" ->
          line.put("projectId", "NG-2020-CG-001").put("date", "2020-01-02").put("amountYuan", "8228.7");
      case "appeal.filed" -> line.put("caseId", "FY-1").put("date", "2020-03-02").put("kind", "reconsideration");
      case "appeal.decided" -> line.put("caseId", "FY-1").put("date", "2020-05-06").put("result", "corrected");
      case "document.issued", "document.published", "document.repealed" ->
          line.put("documentId", "WJ-1").put("date", "2020-04-01").put("kind", "normative_document");
      case "item.added", "item.removed" ->
          line.put("itemId", "SX-1").put("date", "2020-04-01").put("kind", "other_services");
      case "decision.made" -> line.put("decisionId", "JD-1").put("date", "2020-04-01").put("kind", "penalties");
      case "fee.collected" -> line.put("feeId", "SF-1").put("date", "2020-04-01").put("amountYuan", "35");
      case "year.closed" -> line.put("year", 2020);
      default -> throw new IllegalArgumentException(type);
    };
  }

  /** Parses lines given as JSON nodes or raw text, joined with newlines. */
  private static Result parse(Object... lines) throws IOException {
    String text = Arrays.stream(lines).map(String::valueOf).collect(Collectors.joining("\n", "", "\n"));
    return EventLines.parse(new StringReader(text));
  }

  private static LineError onlyError(Result result) {
    assertEquals(List.of(), result.events(), "no event expected");
    assertEquals(1, result.errors().size(), () -> "exactly one error expected: " + result.errors());
    return result.errors().get(0);
  }

  private static ParsedEvent onlyEvent(Result result) {
    assertEquals(List.of(), result.errors());
    assertEquals(1, result.events().size());
    return result.events().get(0);
  }

  private static <T extends SpecificRecord> List<T> records(Result result, Class<T> type) {
    assertFalse(result.hasErrors(), () -> result.errors().toString());
    return result.events().stream().map(ParsedEvent::payload).filter(type::isInstance).map(type::cast).toList();
  }

  /** The seed file, found from the module or the project directory. */
  private static Path seed() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SEED))) {
        return dir.resolve(SEED);
      }
    }
    throw new UncheckedIOException(new IOException(SEED + " not found above " + Path.of("").toAbsolutePath()));
  }
}
