package org.gongkai.streams.oracle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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

/**
 * An independent reference computation of the served reports, written from domain.md §5 and
 * the acceptance rules of the "independent oracle" issue, and from nothing in the streams'
 * ledger, tally or report packages: no Kafka, no tallies, no cumulative sums. It replays the
 * events in publication order, keeps every accepted fact with the year it counts in, and
 * computes each figure of a report by looping over those facts with the figure's definition.
 *
 * <p>The acceptance rules, as plain checks:
 * <ul>
 *   <li>Every event: its town is known and equals the record key, its date is in
 *       [2008-05-01, today]; otherwise it is rejected and counted in no town-year.</li>
 *   <li>Every other verdict (accepted, duplicate, rejected) is counted in the event's town and
 *       its counting year: the event's year, or, when that year is at or before the year the
 *       town has closed through when the event was published (earlier in the history, which is
 *       the town's publication order), the first open year. An
 *       accepted event counted in a later year than its own is {@code late} there and counts in
 *       every figure as if dated 1 January of that year; checks use its real date.</li>
 *   <li>{@code year.closed Y}: 2019 ≤ Y < the current year, else rejected (counted nowhere);
 *       Y ≤ closed-through is a duplicate; otherwise the town is closed through Y. Its
 *       counting year is Y.</li>
 * </ul>
 * The family rules are in the {@code request}, {@code appeal}, {@code document}, {@code item},
 * {@code decision}, {@code fee} and {@code procurement} methods.
 */
public final class Oracle {
  public static final LocalDate EARLIEST = LocalDate.of(2008, 5, 1);
  /** The fixture's today (2026-11-27 in China). */
  public static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
  public static final int FIRST_REPORT_YEAR = 2019;

  /** One published record of the events topic: its record key and its event (the family record). */
  public record Event(String key, SpecificRecord value) {
    @Override
    public String toString() {
      return "key=" + key + " " + value;
    }
  }

  public enum Verdict { ACCEPTED, DUPLICATE, REJECTED }

  /** What the oracle decided about one event, and where it counted it. */
  public record Decision(Verdict verdict, String town, Integer countingYear, boolean late, String why) {
    @Override
    public String toString() {
      return verdict + (countingYear == null ? " (counted nowhere)" : " in " + town + "/" + countingYear)
          + (late ? " LATE" : "") + (why.isEmpty() ? "" : ": " + why);
    }
  }

  /** Digits, then optionally a point and 1 or 2 digits: no sign, no exponent, no thousands separator. */
  private static final Pattern AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");

  // ---- the accepted facts; each "…Year" field is the year the fact counts in ----

  private static final class Request {
    Applicant applicant;
    LocalDate received;
    int receivedYear;
    LocalDate concluded;
    Integer concludedYear;
    Outcome outcome;
  }

  private static final class Case {
    AppealKind kind;
    LocalDate filed;
    int filedYear;
    LocalDate decided;
    Integer decidedYear;
    AppealResult result;
  }

  private static final class Document {
    DocumentKind kind;
    LocalDate issued;
    Integer issuedYear;
    LocalDate published;
    Integer publishedYear;
    LocalDate repealed;
    Integer repealedYear;
    boolean issuedBeforeRepeal;
    boolean publishedBeforeRepeal;
  }

  private static final class Item {
    ItemKind kind;
    LocalDate added;
    int addedYear;
    LocalDate removed;
    Integer removedYear;
  }

  private record OneOff(LocalDate date, String kind, BigDecimal amount, int year) {}

  private static final class Counts {
    long accepted;
    long duplicates;
    long rejected;
    long late;
  }

  /** Everything the oracle knows about one town. */
  private static final class Town {
    final Map<String, Request> requests = new HashMap<>();
    final Map<String, Case> cases = new HashMap<>();
    final Map<String, Document> documents = new HashMap<>();
    final Map<String, Item> items = new HashMap<>();
    final Map<String, OneOff> decisions = new HashMap<>();
    final Map<String, OneOff> fees = new HashMap<>();
    final Map<String, OneOff> projects = new HashMap<>();
    final Map<Integer, Counts> counts = new TreeMap<>();
    int closedThrough;
  }

  private final Predicate<String> knownTown;
  private final Map<String, Town> towns = new HashMap<>();
  private final List<Decision> decisions = new ArrayList<>();
  private long rejected;

  private Oracle(Predicate<String> knownTown) {
    this.knownTown = knownTown;
  }

  /** Replays the events in publication order. */
  public static Oracle run(Set<String> knownTowns, List<Event> events) {
    Oracle oracle = new Oracle(knownTowns::contains);
    events.forEach(oracle::process);
    return oracle;
  }

  /** Every rejected event, counted or not: the number of dead letters. */
  public long rejected() {
    return rejected;
  }

  /** The verdict on each event, in publication order. */
  public List<Decision> decisions() {
    return decisions;
  }

  // ------------------------------------------------------------------ acceptance

  /** The result of a family rule: a verdict and, if accepted, what to record. */
  private record Ruling(Verdict verdict, String why, Runnable record) {
    static Ruling accept(Runnable record) {
      return new Ruling(Verdict.ACCEPTED, "", record);
    }

    static Ruling duplicate(String why) {
      return new Ruling(Verdict.DUPLICATE, why, () -> {});
    }

    static Ruling reject(String why) {
      return new Ruling(Verdict.REJECTED, why, () -> {});
    }
  }

  private void process(Event event) {
    SpecificRecord value = event.value();
    String town = townOf(value);
    if (town == null || !knownTown.test(town)) {
      uncounted("unknown town " + town);
      return;
    }
    if (!town.equals(event.key())) {
      uncounted("key " + event.key() + " differs from town " + town);
      return;
    }
    for (String id : idsOf(value)) {
      if (!goodId(id)) {
        uncounted("bad id \"" + id + "\"");
        return;
      }
    }
    Town book = towns.computeIfAbsent(town, t -> new Town());
    if (value instanceof YearClosedEvent closed) {
      close(town, book, closed.getYear());
      return;
    }
    LocalDate date = dateOf(value);
    if (date.isBefore(EARLIEST) || date.isAfter(TODAY)) {
      uncounted("date " + date + " outside [" + EARLIEST + ", " + TODAY + "]");
      return;
    }
    int year = date.getYear();
    int countingYear = year <= book.closedThrough ? book.closedThrough + 1 : year;
    Ruling ruling;
    if (value instanceof RequestEvent e) {
      ruling = request(book, e, countingYear);
    } else if (value instanceof AppealEvent e) {
      ruling = appeal(book, e, countingYear);
    } else if (value instanceof ProcurementEvent e) {
      ruling = procurement(book, e, countingYear);
    } else {
      DisclosureEvent e = (DisclosureEvent) value;
      if (e.getFact() instanceof DocumentChange d) {
        ruling = document(book, d, e.getDate(), countingYear);
      } else if (e.getFact() instanceof ItemChange i) {
        ruling = item(book, i, e.getDate(), countingYear);
      } else if (e.getFact() instanceof DecisionMade d) {
        ruling = decision(book, d, e.getDate(), countingYear);
      } else {
        ruling = fee(book, (FeeCollected) e.getFact(), e.getDate(), countingYear);
      }
    }
    ruling.record().run();
    boolean late = ruling.verdict() == Verdict.ACCEPTED && countingYear != year;
    count(town, book, countingYear, ruling.verdict(), late, ruling.why());
  }

  private void close(String town, Town book, int year) {
    if (year < FIRST_REPORT_YEAR || year >= TODAY.getYear()) {
      uncounted("year " + year + " cannot be closed");
      return;
    }
    if (year <= book.closedThrough) {
      // Like any event dated in a closed year, a repeated close counts in the first open year:
      // a final report's counts never change.
      count(town, book, book.closedThrough + 1, Verdict.DUPLICATE, false, "already closed through " + book.closedThrough);
      return;
    }
    book.closedThrough = year;
    count(town, book, year, Verdict.ACCEPTED, false, "");
  }

  private void uncounted(String why) {
    rejected++;
    decisions.add(new Decision(Verdict.REJECTED, null, null, false, why));
  }

  private void count(String town, Town book, int year, Verdict verdict, boolean late, String why) {
    Counts counts = book.counts.computeIfAbsent(year, y -> new Counts());
    switch (verdict) {
      case ACCEPTED -> counts.accepted++;
      case DUPLICATE -> counts.duplicates++;
      case REJECTED -> {
        counts.rejected++;
        rejected++;
      }
    }
    if (late) {
      counts.late++;
    }
    decisions.add(new Decision(verdict, town, year, late, why));
  }

  private Ruling request(Town book, RequestEvent e, int year) {
    String id = e.getRequestId();
    LocalDate date = e.getDate();
    Request known = book.requests.get(id);
    if (e.getChange() instanceof RequestReceived received) {
      if (known != null) {
        return known.received.equals(date) && known.applicant == received.getApplicant()
            ? Ruling.duplicate("request " + id + " received again")
            : Ruling.reject("request " + id + " received again with other content");
      }
      return Ruling.accept(() -> {
        Request r = new Request();
        r.applicant = received.getApplicant();
        r.received = date;
        r.receivedYear = year;
        book.requests.put(id, r);
      });
    }
    Outcome outcome = ((RequestConcluded) e.getChange()).getOutcome();
    if (known == null) {
      return Ruling.reject("conclusion of unknown request " + id);
    }
    if (known.concluded != null) {
      return known.concluded.equals(date) && known.outcome == outcome
          ? Ruling.duplicate("request " + id + " concluded again")
          : Ruling.reject("request " + id + " concluded again with other content");
    }
    if (date.isBefore(known.received)) {
      return Ruling.reject("request " + id + " concluded before its receipt");
    }
    return Ruling.accept(() -> {
      known.concluded = date;
      known.concludedYear = year;
      known.outcome = outcome;
    });
  }

  private Ruling appeal(Town book, AppealEvent e, int year) {
    String id = e.getCaseId();
    LocalDate date = e.getDate();
    Case known = book.cases.get(id);
    if (e.getChange() instanceof AppealFiled filed) {
      if (known != null) {
        return known.filed.equals(date) && known.kind == filed.getKind()
            ? Ruling.duplicate("case " + id + " filed again")
            : Ruling.reject("case " + id + " filed again with other content");
      }
      return Ruling.accept(() -> {
        Case c = new Case();
        c.kind = filed.getKind();
        c.filed = date;
        c.filedYear = year;
        book.cases.put(id, c);
      });
    }
    AppealResult result = ((AppealDecided) e.getChange()).getResult();
    if (known == null) {
      return Ruling.reject("decision of unknown case " + id);
    }
    if (known.decided != null) {
      return known.decided.equals(date) && known.result == result
          ? Ruling.duplicate("case " + id + " decided again")
          : Ruling.reject("case " + id + " decided again with other content");
    }
    if (date.isBefore(known.filed)) {
      return Ruling.reject("case " + id + " decided before it was filed");
    }
    return Ruling.accept(() -> {
      known.decided = date;
      known.decidedYear = year;
      known.result = result;
    });
  }

  private Ruling procurement(Town book, ProcurementEvent e, int year) {
    BigDecimal amount = amount(e.getAmountYuan());
    if (amount == null) {
      return Ruling.reject("bad amount " + e.getAmountYuan());
    }
    return oneOff(book.projects, "project " + e.getProjectId(),
        e.getProjectId(), new OneOff(e.getDate(), "", amount, year));
  }

  private Ruling fee(Town book, FeeCollected fee, LocalDate date, int year) {
    BigDecimal amount = amount(fee.getAmountYuan());
    if (amount == null) {
      return Ruling.reject("bad amount " + fee.getAmountYuan());
    }
    return oneOff(book.fees, "fee " + fee.getFeeId(), fee.getFeeId(), new OneOff(date, "", amount, year));
  }

  private Ruling decision(Town book, DecisionMade d, LocalDate date, int year) {
    return oneOff(book.decisions, "decision " + d.getDecisionId(), d.getDecisionId(),
        new OneOff(date, d.getKind().name(), BigDecimal.ZERO, year));
  }

  /** Procurement awards, decisions, fees: recorded once; the same content again is a duplicate. */
  private static Ruling oneOff(Map<String, OneOff> known, String what, String id, OneOff fact) {
    OneOff before = known.get(id);
    if (before == null) {
      return Ruling.accept(() -> known.put(id, fact));
    }
    boolean same = before.date().equals(fact.date()) && before.kind().equals(fact.kind())
        && before.amount().compareTo(fact.amount()) == 0;
    return same ? Ruling.duplicate(what + " again") : Ruling.reject(what + " again with other content");
  }

  /**
   * A non-negative decimal written with at most 2 decimals, in 元; null if it is not one.
   * "12.340" has 3 decimals; "-0.00" and "+5" are signed, not plain non-negative decimals.
   */
  static BigDecimal amount(String yuan) {
    return yuan != null && AMOUNT.matcher(yuan).matches() ? new BigDecimal(yuan) : null;
  }

  private Ruling document(Town book, DocumentChange change, LocalDate date, int year) {
    String id = change.getDocumentId();
    Document known = book.documents.get(id);
    if (known != null && known.kind != change.getKind()) {
      return Ruling.reject("document " + id + " is a " + known.kind);
    }
    if (change.getAction() == DocumentAction.repealed) {
      if (known == null) {
        return Ruling.reject("repeal of unknown document " + id);
      }
      if (known.repealed != null) {
        return known.repealed.equals(date) ? Ruling.duplicate("document " + id + " repealed again")
            : Ruling.reject("document " + id + " repealed again on another date");
      }
      LocalDate start = known.issued;
      if (start == null || (known.published != null && known.published.isAfter(start))) {
        start = known.published;
      }
      if (date.isBefore(start)) {
        return Ruling.reject("document " + id + " repealed before it was issued/published on " + start);
      }
      return Ruling.accept(() -> {
        known.repealed = date;
        known.repealedYear = year;
        known.issuedBeforeRepeal = known.issued != null;
        known.publishedBeforeRepeal = known.published != null;
      });
    }
    boolean issue = change.getAction() == DocumentAction.issued;
    LocalDate already = known == null ? null : issue ? known.issued : known.published;
    if (already != null) {
      return already.equals(date) ? Ruling.duplicate("document " + id + " " + change.getAction() + " again")
          : Ruling.reject("document " + id + " " + change.getAction() + " again on another date");
    }
    if (known != null && known.repealed != null) {
      return Ruling.reject("document " + id + " " + change.getAction() + " after its repeal");
    }
    return Ruling.accept(() -> {
      Document d = known != null ? known : new Document();
      d.kind = change.getKind();
      if (issue) {
        d.issued = date;
        d.issuedYear = year;
      } else {
        d.published = date;
        d.publishedYear = year;
      }
      book.documents.put(id, d);
    });
  }

  private Ruling item(Town book, ItemChange change, LocalDate date, int year) {
    String id = change.getItemId();
    Item known = book.items.get(id);
    if (known != null && known.kind != change.getKind()) {
      return Ruling.reject("item " + id + " is a " + known.kind + " item");
    }
    if (change.getAction() == ItemAction.added) {
      if (known != null) {
        return known.added.equals(date) ? Ruling.duplicate("item " + id + " added again")
            : Ruling.reject("item " + id + " added again on another date");
      }
      return Ruling.accept(() -> {
        Item i = new Item();
        i.kind = change.getKind();
        i.added = date;
        i.addedYear = year;
        book.items.put(id, i);
      });
    }
    if (known == null) {
      return Ruling.reject("removal of unknown item " + id);
    }
    if (date.isBefore(known.added)) {
      return Ruling.reject("item " + id + " removed before it was added");
    }
    if (known.removed != null) {
      return known.removed.equals(date) ? Ruling.duplicate("item " + id + " removed again")
          : Ruling.reject("item " + id + " removed again on another date");
    }
    return Ruling.accept(() -> {
      known.removed = date;
      known.removedYear = year;
    });
  }

  /** The eventId, then the business id. */
  private static List<String> idsOf(SpecificRecord value) {
    if (value instanceof RequestEvent e) {
      return List.of(e.getEventId(), e.getRequestId());
    } else if (value instanceof AppealEvent e) {
      return List.of(e.getEventId(), e.getCaseId());
    } else if (value instanceof ProcurementEvent e) {
      return List.of(e.getEventId(), e.getProjectId());
    } else if (value instanceof DisclosureEvent e) {
      Object fact = e.getFact();
      String id = fact instanceof DocumentChange d ? d.getDocumentId()
          : fact instanceof ItemChange i ? i.getItemId()
          : fact instanceof DecisionMade m ? m.getDecisionId() : ((FeeCollected) fact).getFeeId();
      return List.of(e.getEventId(), id);
    }
    return List.of(((YearClosedEvent) value).getEventId());
  }

  /** 1 to 200 code points; no control character, lone surrogate, or whitespace at either end. */
  private static boolean goodId(String id) {
    int[] points = id.codePoints().toArray();
    if (points.length == 0 || points.length > 200 || Character.isWhitespace(points[0])
        || Character.isWhitespace(points[points.length - 1])) {
      return false;
    }
    for (int c : points) {
      if (Character.isISOControl(c) || (c >= 0xD800 && c <= 0xDFFF)) {
        return false;
      }
    }
    return true;
  }

  private static String townOf(SpecificRecord value) {
    if (value instanceof RequestEvent e) {
      return e.getTown();
    } else if (value instanceof AppealEvent e) {
      return e.getTown();
    } else if (value instanceof ProcurementEvent e) {
      return e.getTown();
    } else if (value instanceof DisclosureEvent e) {
      return e.getTown();
    }
    return ((YearClosedEvent) value).getTown();
  }

  private static LocalDate dateOf(SpecificRecord value) {
    if (value instanceof RequestEvent e) {
      return e.getDate();
    } else if (value instanceof AppealEvent e) {
      return e.getDate();
    } else if (value instanceof ProcurementEvent e) {
      return e.getDate();
    }
    return ((DisclosureEvent) value).getDate();
  }

  // ------------------------------------------------------------------ reports

  /**
   * Whether the town has a report for year t: t ≥ 2019 and the town has a counted event
   * (any verdict) in a counting year ≤ t.
   */
  public boolean exists(String town, int t) {
    Town book = towns.get(town);
    if (t < FIRST_REPORT_YEAR || book == null) {
      return false;
    }
    for (int year : book.counts.keySet()) {
      if (year <= t) {
        return true;
      }
    }
    return false;
  }

  /**
   * The report for town and year t as a flat map in the order the JSON has its keys:
   * {@code year}, {@code template}, {@code status}, then
   * {@code proactive.<row>.<column>}, {@code requests.<row>.<column>},
   * {@code appeals.<block>.<column>} and {@code events.<count>}.
   */
  public Map<String, Object> report(String town, int t) {
    Town book = towns.getOrDefault(town, new Town());
    boolean template2019 = t <= 2020;
    Map<String, Object> cells = new LinkedHashMap<>();
    cells.put("year", (long) t);
    cells.put("template", template2019 ? "2019" : "2021");
    cells.put("status", exists(town, t) && t <= book.closedThrough ? "final" : "open");
    if (template2019) {
      proactive2019(book, t, cells);
    } else {
      proactive2021(book, t, cells);
    }
    requests(book, t, template2019, cells);
    appeals(book, t, cells);
    Counts counts = book.counts.getOrDefault(t, new Counts());
    cells.put("events.accepted", counts.accepted);
    cells.put("events.duplicates", counts.duplicates);
    cells.put("events.rejected", counts.rejected);
    cells.put("events.late", counts.late);
    return cells;
  }

  private static String documentRow(DocumentKind kind) {
    return kind == DocumentKind.rule ? "rules" : "normative_documents";
  }

  private static boolean in(Integer year, int t) {
    return year != null && year == t;
  }

  private static boolean byEndOf(Integer year, int t) {
    return year != null && year <= t;
  }

  private static void proactive2019(Town book, int t, Map<String, Object> cells) {
    for (DocumentKind kind : DocumentKind.values()) {
      long made = 0;
      long published = 0;
      long totalPublished = 0;
      for (Document d : book.documents.values()) {
        if (d.kind != kind) {
          continue;
        }
        if (in(d.issuedYear, t)) {
          made++;
        }
        if (in(d.publishedYear, t)) {
          published++;
        }
        if (byEndOf(d.publishedYear, t) && !byEndOf(d.repealedYear, t)) {
          totalPublished++;
        }
      }
      String row = "proactive." + documentRow(kind) + ".";
      cells.put(row + "made", made);
      cells.put(row + "published", published);
      cells.put(row + "total_published", totalPublished);
    }
    for (ItemKind kind : List.of(ItemKind.licensing, ItemKind.other_services, ItemKind.penalties,
        ItemKind.coercion, ItemKind.fees)) {
      long lastYear = 0;
      long change = 0;
      for (Item i : book.items.values()) {
        if (i.kind != kind) {
          continue;
        }
        if (byEndOf(i.addedYear, t - 1) && !byEndOf(i.removedYear, t - 1)) {
          lastYear++;
        }
        if (in(i.addedYear, t)) {
          change++;
        }
        if (in(i.removedYear, t)) {
          change--;
        }
      }
      String row = "proactive." + kind.name() + ".";
      cells.put(row + "items_last_year", lastYear);
      cells.put(row + "items_change", change);
      if (kind != ItemKind.fees) {
        cells.put(row + "decisions", decisions(book, DecisionKind.valueOf(kind.name()), t));
      }
    }
    long projects = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (OneOff p : book.projects.values()) {
      if (p.year() == t) {
        projects++;
        amount = amount.add(p.amount());
      }
    }
    cells.put("proactive.procurement.projects", projects);
    cells.put("proactive.procurement.amount", wan(amount));
  }

  private static void proactive2021(Town book, int t, Map<String, Object> cells) {
    for (DocumentKind kind : DocumentKind.values()) {
      long issued = 0;
      long repealed = 0;
      long inForce = 0;
      for (Document d : book.documents.values()) {
        if (d.kind != kind) {
          continue;
        }
        if (in(d.issuedYear, t)) {
          issued++;
        }
        if (d.issuedBeforeRepeal && in(d.repealedYear, t)) {
          repealed++;
        }
        if (byEndOf(d.issuedYear, t) && !byEndOf(d.repealedYear, t)) {
          inForce++;
        }
      }
      String row = "proactive." + documentRow(kind) + ".";
      cells.put(row + "issued", issued);
      cells.put(row + "repealed", repealed);
      cells.put(row + "in_force", inForce);
    }
    for (DecisionKind kind : List.of(DecisionKind.licensing, DecisionKind.penalties, DecisionKind.coercion)) {
      cells.put("proactive." + kind.name() + ".decisions", decisions(book, kind, t));
    }
    BigDecimal fees = BigDecimal.ZERO;
    for (OneOff f : book.fees.values()) {
      if (f.year() == t) {
        fees = fees.add(f.amount());
      }
    }
    cells.put("proactive.fees.amount", wan(fees));
  }

  private static long decisions(Town book, DecisionKind kind, int t) {
    long n = 0;
    for (OneOff d : book.decisions.values()) {
      if (d.kind().equals(kind.name()) && d.year() == t) {
        n++;
      }
    }
    return n;
  }

  /** 元 to 万元 with exactly 4 decimals, half up. */
  static String wan(BigDecimal yuan) {
    return yuan.movePointLeft(4).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  private static final List<Outcome> OTHER_KINDS =
      List.of(Outcome.other_overdue_correction, Outcome.other_unpaid_fee, Outcome.other);

  private static void requests(Town book, int t, boolean template2019, Map<String, Object> cells) {
    row(cells, "received", book, r -> r.receivedYear == t);
    row(cells, "carried_over", book, r -> openAtEndOf(r, t - 1));
    for (Outcome outcome : Outcome.values()) {
      if (template2019 && OTHER_KINDS.contains(outcome)) {
        continue;
      }
      if (template2019 && outcome == Outcome.declined_reconfirm) {
        row(cells, outcome.name(), book, r -> in(r.concludedYear, t) && r.outcome == outcome);
        row(cells, "other", book, r -> in(r.concludedYear, t) && OTHER_KINDS.contains(r.outcome));
        continue;
      }
      row(cells, outcome.name(), book, r -> in(r.concludedYear, t) && r.outcome == outcome);
    }
    row(cells, "concluded_total", book, r -> in(r.concludedYear, t));
    row(cells, "carried_forward", book, r -> openAtEndOf(r, t));
  }

  /** Received on or before 31 Dec y and not concluded by then. */
  private static boolean openAtEndOf(Request r, int y) {
    return r.receivedYear <= y && !byEndOf(r.concludedYear, y);
  }

  private static void row(Map<String, Object> cells, String row, Town book, Predicate<Request> counted) {
    long total = 0;
    for (Applicant a : Applicant.values()) {
      long n = 0;
      for (Request r : book.requests.values()) {
        if (r.applicant == a && counted.test(r)) {
          n++;
        }
      }
      cells.put("requests." + row + "." + a.name(), n);
    }
    for (Request r : book.requests.values()) {
      if (counted.test(r)) {
        total++;
      }
    }
    cells.put("requests." + row + ".total", total);
  }

  /**
   * A case belongs to t if filed on or before 31 Dec t and not decided before 1 Jan t; it is
   * classified by its state on 31 Dec t.
   */
  private static void appeals(Town book, int t, Map<String, Object> cells) {
    for (AppealKind kind : AppealKind.values()) {
      Map<String, Long> block = new LinkedHashMap<>();
      for (AppealResult result : AppealResult.values()) {
        block.put(result.name(), 0L);
      }
      block.put("pending", 0L);
      long total = 0;
      for (Case c : book.cases.values()) {
        if (c.kind != kind || c.filedYear > t || (c.decidedYear != null && c.decidedYear < t)) {
          continue;
        }
        String column = in(c.decidedYear, t) ? c.result.name() : "pending";
        block.merge(column, 1L, Long::sum);
        total++;
      }
      block.put("total", total);
      block.forEach((column, n) -> cells.put("appeals." + kind.name() + "." + column, n));
    }
  }
}
