package org.gongkai.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.TownEvent;
import org.gongkai.schemas.Topics;

/**
 * A synthetic but plausible national year: for every town, one year (2024) of requests,
 * procurement awards, appeals, documents, catalogue items, decisions and fees, and then the
 * start of 2025 with what 2024 carried over (conclusions of requests received late in December,
 * decisions of appeals still pending) and each town's {@code year.closed} for 2024.
 *
 * <p>Deterministic: each town's events come from a {@link SplittableRandom} seeded by the run
 * seed and the town code, so a town's events do not depend on which other towns are in the set.
 * Events are kept compact ({@link Ev}) and encoded to Avro only when produced, in day order
 * (within a day, town by town), which is how a national backlog would arrive.
 *
 * <p>Every event is valid for the ledgers (a conclusion after its receipt, a decision after its
 * filing, a repeal after its publication, a removal after its addition, unique ids), so a run
 * that rejects anything has found a bug, not noise.
 */
public final class NationalDataset {
  public static final int YEAR = 2024;
  static final LocalDate START = LocalDate.of(YEAR, 1, 1);
  /** 2024 is a leap year. */
  static final int DAYS_IN_YEAR = 366;
  /** Day indexes run over 2024 and 2025. */
  static final int DAYS = DAYS_IN_YEAR + 365;
  private static final LocalDate[] DATES = new LocalDate[DAYS];

  static {
    for (int d = 0; d < DAYS; d++) {
      DATES[d] = START.plusDays(d);
    }
  }

  // Mean yearly counts per town of average activity; a town's activity factor scales them all.
  static final double REQUESTS = 8;
  static final double PROCUREMENT = 32;
  static final double DECISIONS = 25;
  static final double DOCUMENTS = 4;
  static final double ITEMS = 6;
  static final double FEES = 8;
  static final double APPEALS = 0.4;
  /** Spread of town activity (log-normal sigma); mean activity is 1. */
  static final double ACTIVITY_SIGMA = 0.7;

  /** Applicant mix of table 三, in {@link Applicant} order: mostly individuals. */
  static final double[] APPLICANT_MIX = {82, 9, 0.5, 1, 4, 3.5};
  /** Outcome mix in {@link Outcome} order, granted … other. */
  static final double[] OUTCOME_MIX = {
    40, 9, // granted, partially_granted
    0.3, 0.7, 0.5, 2.5, 1.5, 2, 0.5, 2, // withheld_*
    20, 4, 3, // unavailable_*
    5, 3, 1, 1, 1, // declined_*
    1.5, 0.2, 0.8 // other_*
  };
  static final double[] APPEAL_KIND_MIX = {60, 30, 10};
  static final double[] APPEAL_RESULT_MIX = {70, 15, 15};
  static final double[] DECISION_MIX = {50, 25, 20, 5};
  static final double[] ITEM_MIX = {40, 25, 20, 5, 10};

  // Event types
  static final byte REQ_RECEIVED = 0;
  static final byte REQ_CONCLUDED = 1;
  static final byte PROCUREMENT_AWARDED = 2;
  static final byte APPEAL_FILED = 3;
  static final byte APPEAL_DECIDED = 4;
  static final byte DOC_ISSUED = 5;
  static final byte DOC_PUBLISHED = 6;
  static final byte DOC_REPEALED = 7;
  static final byte ITEM_ADDED = 8;
  static final byte ITEM_REMOVED = 9;
  static final byte DECISION_MADE = 10;
  static final byte FEE_COLLECTED = 11;
  static final byte YEAR_CLOSED = 12;
  static final int TYPES = 13;
  static final String[] TYPE_NAMES = {
    "request.received", "request.concluded", "procurement.awarded", "appeal.filed", "appeal.decided",
    "document.issued", "document.published", "document.repealed", "item.added", "item.removed",
    "decision.made", "fee.collected", "year.closed"
  };

  /**
   * One event, compact: the town (index into {@link #towns}), day index from 2024-01-01, type,
   * a type-specific enum ordinal, the business object's number within the town, the event's
   * number within the town, and an amount in fen where the type has one.
   */
  record Ev(int town, short day, byte type, byte sub, int object, int seq, long fen) {}

  /** Where encoded events go. */
  public interface Sink {
    void accept(String topic, String key, byte[] value);
  }

  private final List<String> towns;
  private final List<List<Ev>> byDay;
  private final long[] perType = new long[TYPES];
  private long requests;
  private long carriedRequests;
  private long pendingAppeals;
  private long events2024;
  private long events2025;

  private NationalDataset(List<String> towns) {
    this.towns = List.copyOf(towns);
    this.byDay = new ArrayList<>(DAYS);
    for (int d = 0; d < DAYS; d++) {
      byDay.add(new ArrayList<>());
    }
  }

  /** Generates the events of the given towns (9-digit codes) from the seed. */
  public static NationalDataset generate(List<String> towns, long seed, boolean closures) {
    NationalDataset data = new NationalDataset(towns);
    for (int t = 0; t < data.towns.size(); t++) {
      data.generateTown(t, new SplittableRandom(seed ^ mix(Long.parseLong(data.towns.get(t)))), closures);
    }
    return data;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private void generateTown(int town, SplittableRandom rnd, boolean closures) {
    double activity = Math.min(8, Math.exp(ACTIVITY_SIGMA * gaussian(rnd) - ACTIVITY_SIGMA * ACTIVITY_SIGMA / 2));
    int[] seq = {0};
    int[] objects = new int[TYPES];

    // Table 三: requests; a conclusion 1–14 days after receipt, so about 2% of the year's
    // requests (those received in the last two weeks) are concluded in January 2025.
    int n = poisson(rnd, REQUESTS * activity);
    for (int i = 0; i < n; i++) {
      int id = ++objects[REQ_RECEIVED];
      int day = rnd.nextInt(DAYS_IN_YEAR);
      byte applicant = (byte) pick(rnd, APPLICANT_MIX);
      add(town, day, REQ_RECEIVED, applicant, id, seq, 0);
      int concluded = day + 1 + rnd.nextInt(14);
      add(town, concluded, REQ_CONCLUDED, (byte) pick(rnd, OUTCOME_MIX), id, seq, 0);
      requests++;
      if (concluded >= DAYS_IN_YEAR) {
        carriedRequests++;
      }
    }
    // Table 二: procurement awards, median about 8,000 元
    n = poisson(rnd, PROCUREMENT * activity);
    for (int i = 0; i < n; i++) {
      long fen = Math.max(10_000, Math.min(500_000_000L, Math.round(800_000 * Math.exp(1.1 * gaussian(rnd)))));
      add(town, rnd.nextInt(DAYS_IN_YEAR), PROCUREMENT_AWARDED, (byte) 0, ++objects[PROCUREMENT_AWARDED], seq, fen);
    }
    // Decisions (licensing, services, penalties, coercion)
    n = poisson(rnd, DECISIONS * activity);
    for (int i = 0; i < n; i++) {
      add(town, rnd.nextInt(DAYS_IN_YEAR), DECISION_MADE, (byte) pick(rnd, DECISION_MIX),
          ++objects[DECISION_MADE], seq, 0);
    }
    // Normative documents (towns rarely make rules): issued, published within a week, 5% repealed
    n = poisson(rnd, DOCUMENTS * activity);
    for (int i = 0; i < n; i++) {
      int id = ++objects[DOC_ISSUED];
      byte kind = (byte) (rnd.nextDouble() < 0.03 ? DocumentKind.rule.ordinal() : DocumentKind.normative_document.ordinal());
      int issued = rnd.nextInt(DAYS_IN_YEAR - 20);
      int published = issued + rnd.nextInt(8);
      add(town, issued, DOC_ISSUED, kind, id, seq, 0);
      add(town, published, DOC_PUBLISHED, kind, id, seq, 0);
      if (rnd.nextDouble() < 0.05) {
        int repealed = published + 30 + rnd.nextInt(90);
        if (repealed < DAYS_IN_YEAR) {
          add(town, repealed, DOC_REPEALED, kind, id, seq, 0);
        }
      }
    }
    // Catalogue items: mostly set up in January, 12% removed later in the year
    n = poisson(rnd, ITEMS * activity);
    for (int i = 0; i < n; i++) {
      int id = ++objects[ITEM_ADDED];
      byte kind = (byte) pick(rnd, ITEM_MIX);
      int added = rnd.nextDouble() < 0.7 ? rnd.nextInt(31) : rnd.nextInt(DAYS_IN_YEAR - 60);
      add(town, added, ITEM_ADDED, kind, id, seq, 0);
      if (rnd.nextDouble() < 0.12) {
        int removed = added + 30 + rnd.nextInt(DAYS_IN_YEAR - added - 30);
        add(town, removed, ITEM_REMOVED, kind, id, seq, 0);
      }
    }
    // Fees, median about 300 元
    n = poisson(rnd, FEES * activity);
    for (int i = 0; i < n; i++) {
      long fen = Math.max(100, Math.min(50_000_000L, Math.round(30_000 * Math.exp(gaussian(rnd)))));
      add(town, rnd.nextInt(DAYS_IN_YEAR), FEE_COLLECTED, (byte) 0, ++objects[FEE_COLLECTED], seq, fen);
    }
    // Table 四: a few appeals, decided 20–110 days after filing (some in 2025)
    n = poisson(rnd, APPEALS * activity);
    for (int i = 0; i < n; i++) {
      int id = ++objects[APPEAL_FILED];
      int filed = rnd.nextInt(DAYS_IN_YEAR);
      add(town, filed, APPEAL_FILED, (byte) pick(rnd, APPEAL_KIND_MIX), id, seq, 0);
      int decided = filed + 20 + rnd.nextInt(90);
      add(town, decided, APPEAL_DECIDED, (byte) pick(rnd, APPEAL_RESULT_MIX), id, seq, 0);
      if (decided >= DAYS_IN_YEAR) {
        pendingAppeals++;
      }
    }
    // The town certifies 2024 in the second half of January 2025.
    if (closures) {
      add(town, DAYS_IN_YEAR + 15 + rnd.nextInt(16), YEAR_CLOSED, (byte) 0, YEAR, seq, 0);
    }
  }

  private void add(int town, int day, byte type, byte sub, int object, int[] seq, long fen) {
    byDay.get(day).add(new Ev(town, (short) day, type, sub, object, ++seq[0], fen));
    perType[type]++;
    if (day < DAYS_IN_YEAR) {
      events2024++;
    } else {
      events2025++;
    }
  }

  static int pick(SplittableRandom rnd, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = rnd.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static int poisson(SplittableRandom rnd, double mean) {
    if (mean > 60) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
    }
    double limit = Math.exp(-mean);
    double p = rnd.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= rnd.nextDouble();
      k++;
    }
    return k;
  }

  static double gaussian(SplittableRandom rnd) {
    // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  // ------------------------------------------------------------------ output

  public List<String> towns() {
    return towns;
  }

  public long events2024() {
    return events2024;
  }

  public long events2025() {
    return events2025;
  }

  public long requests() {
    return requests;
  }

  public long carriedRequests() {
    return carriedRequests;
  }

  public long pendingAppeals() {
    return pendingAppeals;
  }

  public long count(byte type) {
    return perType[type];
  }

  /** Encodes and hands on the events dated in 2024 (or, with {@code year2025}, those after it), in day order. */
  public void produce(boolean year2025, Sink sink) {
    produce(year2025, sink, Long.MAX_VALUE);
  }

  /** The same, stopping after {@code limit} events. */
  public void produce(boolean year2025, Sink sink, long limit) {
    int from = year2025 ? DAYS_IN_YEAR : 0;
    int to = year2025 ? DAYS : DAYS_IN_YEAR;
    long n = 0;
    for (int d = from; d < to; d++) {
      for (Ev ev : byDay.get(d)) {
        if (n++ >= limit) {
          return;
        }
        String town = towns.get(ev.town());
        sink.accept(topic(ev.type()), town, encode(town, ev));
      }
    }
  }

  /** Every event travels on the one events topic. */
  static String topic(byte type) {
    return Topics.EVENTS.name();
  }

  /** An event as the topic carries it: the family record in the envelope. */
  private static byte[] wrapped(SpecificRecord payload) {
    return Topics.EVENTS.encode(new TownEvent(payload));
  }

  static byte[] encode(String town, Ev ev) {
    String eventId = "n" + YEAR + "-" + town + "-" + ev.seq();
    LocalDate date = DATES[ev.day()];
    int o = ev.object();
    byte sub = ev.sub();
    return switch (ev.type()) {
      case REQ_RECEIVED -> wrapped(new RequestEvent(eventId, town, "YSQ-2024-" + o, date,
          new RequestReceived(Applicant.values()[sub])));
      case REQ_CONCLUDED -> wrapped(new RequestEvent(eventId, town, "YSQ-2024-" + o, date,
          new RequestConcluded(Outcome.values()[sub])));
      case PROCUREMENT_AWARDED -> wrapped(
          new ProcurementEvent(eventId, town, "CG-2024-" + o, date, yuan(ev.fen())));
      case APPEAL_FILED -> wrapped(new AppealEvent(eventId, town, "FY-2024-" + o, date,
          new AppealFiled(AppealKind.values()[sub])));
      case APPEAL_DECIDED -> wrapped(new AppealEvent(eventId, town, "FY-2024-" + o, date,
          new AppealDecided(AppealResult.values()[sub])));
      case DOC_ISSUED, DOC_PUBLISHED, DOC_REPEALED -> wrapped(new DisclosureEvent(eventId,
          town, date, new DocumentChange("WJ-2024-" + o, DocumentAction.values()[ev.type() - DOC_ISSUED],
              DocumentKind.values()[sub])));
      case ITEM_ADDED, ITEM_REMOVED -> wrapped(new DisclosureEvent(eventId, town, date,
          new ItemChange("SX-" + o, ItemAction.values()[ev.type() - ITEM_ADDED], ItemKind.values()[sub])));
      case DECISION_MADE -> wrapped(new DisclosureEvent(eventId, town, date,
          new DecisionMade("JD-2024-" + o, DecisionKind.values()[sub])));
      case FEE_COLLECTED -> wrapped(new DisclosureEvent(eventId, town, date,
          new FeeCollected("SF-2024-" + o, yuan(ev.fen()))));
      case YEAR_CLOSED -> wrapped(new YearClosedEvent(eventId, town, o));
      default -> throw new IllegalStateException("unknown event type " + ev.type());
    };
  }

  /** fen → "1234.50" */
  static String yuan(long fen) {
    long cents = fen % 100;
    return (fen / 100) + (cents < 10 ? ".0" : ".") + cents;
  }

  /** A procurement award outside the dataset (load and probes): its own id prefix, any town and date. */
  static byte[] award(String idPrefix, long n, String town, LocalDate date, long fen) {
    return wrapped(new ProcurementEvent(idPrefix + "-e" + n, town, idPrefix + "-" + n,
        date, yuan(fen)));
  }

  /** The events of one town in generation order, for tests. */
  List<Ev> eventsOf(String town) {
    int index = towns.indexOf(town);
    List<Ev> out = new ArrayList<>();
    for (List<Ev> day : byDay) {
      for (Ev ev : day) {
        if (ev.town() == index) {
          out.add(ev);
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(Ev::seq));
    return out;
  }
}
