package org.gongkai.api.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
import org.gongkai.schemas.Yuan;

/**
 * One town's synthetic life from the first report year to today: its events in the order it
 * publishes them. Every event is one the ledgers accept (a conclusion after its receipt, a
 * decision after its filing, a repeal after its publication, a removal after its addition,
 * unique ids, no date after today); each ended year is closed in January of the next, after all
 * the events dated in it. A few towns publish a fact of a closed year after its close (a late
 * event, counted in the first open year), as real towns do.
 */
final class DemoTown {
  /** What kind of town it is; the rare kinds give the dashboard's flags something to find. */
  enum Profile {
    ORDINARY,
    /** One year far busier than the others: a year-over-year jump. */
    JUMP,
    /** Every year several times busier than its peers: an outlier. */
    BUSY,
    /** Grants few requests: a low disclosure rate. */
    SECRETIVE,
    /** Many appeals, most corrected: a high correction rate. */
    CONTESTED,
    /** Nothing at all in the current year, and nothing carried into it. */
    SILENT
  }

  // Mean yearly counts of a town of average activity (activity 1), sized so that the province's
  // history is about 300,000 events: what the app applies within a minute on a 2-core machine.
  static final double REQUESTS = 3;
  static final double DECISIONS = 3.5;
  /** Procurement has a row of its own in template 2019 only; towns award less to report later. */
  static final double PROCUREMENT_2019 = 4;
  static final double PROCUREMENT_LATER = 0.7;
  static final double DOCUMENTS = 0.8;
  static final double ITEMS = 1;
  /** Catalogue items a town sets up in January of its first year. */
  static final double FIRST_ITEMS = 4;
  static final double FEES = 1.4;
  static final double APPEALS = 0.25;
  /** Requests grow a little every year. */
  static final double GROWTH = 0.06;

  /** In {@link Applicant} order: mostly individuals. */
  static final double[] APPLICANT_MIX = {82, 9, 0.5, 1, 4, 3.5};
  /** In {@link Outcome} order, granted … other. */
  static final double[] OUTCOME_MIX = {
    40, 9, // granted, partially_granted
    0.3, 0.7, 0.5, 2.5, 1.5, 2, 0.5, 2, // withheld_*
    20, 4, 3, // unavailable_*
    5, 3, 1, 1, 1, // declined_*
    1.5, 0.2, 0.8 // other_*
  };
  static final double[] SECRETIVE_OUTCOME_MIX = {
    5, 3,
    3, 4, 3, 8, 6, 8, 2, 6,
    25, 6, 5,
    6, 3, 1, 1, 1,
    2, 0.5, 1.5
  };
  static final double[] APPEAL_KIND_MIX = {60, 30, 10};
  static final double[] APPEAL_RESULT_MIX = {70, 15, 15};
  static final double[] CONTESTED_RESULT_MIX = {30, 60, 10};
  static final double[] DECISION_MIX = {50, 25, 20, 5};
  static final double[] ITEM_MIX = {40, 25, 20, 5, 10};

  /** One event and when the town publishes it; the sequence keeps generation order within a day. */
  private record Entry(LocalDate published, int sequence, SpecificRecord payload) {}

  private final String town;
  private final Random random;
  private final int firstYear;
  private final LocalDate today;
  final Profile profile;
  /** The year a {@link Profile#JUMP} town is busy in; 0 for the others. */
  final int jumpYear;
  private final double activity;
  /** After it nothing happens: today, or for a silent town the end of the last closed year. */
  private final LocalDate horizon;
  private final List<Entry> entries = new ArrayList<>();
  private int sequence;
  private int eventNumber;
  private int requests;
  private int cases;
  private int documents;
  private int items;
  private int facts;

  DemoTown(String town, Random random, int firstYear, LocalDate today) {
    this.town = town;
    this.random = random;
    this.firstYear = firstYear;
    this.today = today;
    double p = random.nextDouble();
    this.profile = p < 0.03 ? Profile.JUMP : p < 0.045 ? Profile.BUSY : p < 0.065 ? Profile.SECRETIVE
        : p < 0.085 ? Profile.CONTESTED : p < 0.10 ? Profile.SILENT : Profile.ORDINARY;
    int lastClosed = today.getYear() - 1;
    this.jumpYear = profile != Profile.JUMP ? 0
        : random.nextBoolean() ? lastClosed : firstYear + 1 + random.nextInt(Math.max(1, lastClosed - firstYear));
    // Log-normal, mean 1: most towns are quiet, a few busy.
    double sigma = 0.6;
    double base = Math.min(6, Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2));
    this.activity = profile == Profile.BUSY ? 6 + 2 * random.nextDouble() : base;
    this.horizon = profile == Profile.SILENT ? LocalDate.of(lastClosed, 12, 31) : today;
  }

  /** The town's events in the order it publishes them. */
  List<SpecificRecord> events() {
    int lastClosed = today.getYear() - 1;
    for (int year = firstYear; year <= horizon.getYear(); year++) {
      year(year);
    }
    for (int year = firstYear; year <= lastClosed; year++) {
      add(closeDay(year), new YearClosedEvent(eventId(), town, year));
    }
    if (random.nextDouble() < 0.02 && lastClosed > firstYear) {
      // A decision of a closed year found after the close: late, counted in the first open year.
      int year = firstYear + random.nextInt(lastClosed - firstYear);
      add(closeDay(year).plusDays(1 + random.nextInt(20)), new DisclosureEvent(eventId(), town,
          LocalDate.of(year, 12, 1 + random.nextInt(31)), new DecisionMade(factId("JD", year), DecisionKind.licensing)));
    }
    entries.sort(Comparator.comparing(Entry::published).thenComparingInt(Entry::sequence));
    return entries.stream().map(Entry::payload).toList();
  }

  /** A town certifies a year in January of the next. */
  private LocalDate closeDay(int year) {
    LocalDate day = LocalDate.of(year + 1, 1, 10 + random.nextInt(20));
    return day.isAfter(today) ? today : day;
  }

  private void year(int year) {
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate end = LocalDate.of(year, 12, 31).isAfter(horizon) ? horizon : LocalDate.of(year, 12, 31);
    int days = (int) (end.toEpochDay() - start.toEpochDay()) + 1;
    // The current year is partial: its means scale with the part of the year gone by.
    double scale = activity * Math.pow(1 + GROWTH, year - firstYear) * days / 365.0
        * (year == jumpYear ? 4 + 2 * random.nextDouble() : 1);

    double[] outcomes = profile == Profile.SECRETIVE ? SECRETIVE_OUTCOME_MIX : OUTCOME_MIX;
    for (int i = poisson(REQUESTS * scale); i > 0; i--) {
      String id = "YSQ-" + year + "-" + (++requests);
      LocalDate received = day(start, days);
      add(received, new RequestEvent(eventId(), town, id, received,
          new RequestReceived(Applicant.values()[pick(APPLICANT_MIX)])));
      // Mostly within the 20 working days of 条例第三十三条; a few take longer.
      LocalDate concluded = finish(received, random.nextDouble() < 0.9 ? 1 + random.nextInt(25) : 30 + random.nextInt(60));
      if (concluded != null) {
        add(concluded, new RequestEvent(eventId(), town, id, concluded,
            new RequestConcluded(Outcome.values()[pick(outcomes)])));
      }
    }
    double procurement = year <= 2020 ? PROCUREMENT_2019 : PROCUREMENT_LATER;
    for (int i = poisson(procurement * scale); i > 0; i--) {
      LocalDate awarded = day(start, days);
      long fen = Math.max(10_000, Math.min(500_000_000L, Math.round(800_000 * Math.exp(1.1 * random.nextGaussian()))));
      add(awarded, new ProcurementEvent(eventId(), town, factId("CG", year), awarded, Yuan.ofFen(fen).text()));
    }
    for (int i = poisson(DECISIONS * scale); i > 0; i--) {
      LocalDate made = day(start, days);
      add(made, new DisclosureEvent(eventId(), town, made,
          new DecisionMade(factId("JD", year), DecisionKind.values()[pick(DECISION_MIX)])));
    }
    for (int i = poisson(DOCUMENTS * scale); i > 0; i--) {
      String id = "WJ-" + year + "-" + (++documents);
      DocumentKind kind = random.nextDouble() < 0.05 ? DocumentKind.rule : DocumentKind.normative_document;
      LocalDate issued = day(start, days);
      document(issued, id, DocumentAction.issued, kind);
      LocalDate published = follow(issued, random.nextInt(8));
      if (published != null) {
        document(published, id, DocumentAction.published, kind);
        LocalDate repealed = random.nextDouble() < 0.06 ? follow(published, 60 + random.nextInt(600)) : null;
        if (repealed != null) {
          document(repealed, id, DocumentAction.repealed, kind);
        }
      }
    }
    double newItems = ITEMS * scale + (year == firstYear ? FIRST_ITEMS * activity : 0);
    for (int i = poisson(newItems); i > 0; i--) {
      String id = "SX-" + (++items);
      ItemKind kind = ItemKind.values()[pick(ITEM_MIX)];
      LocalDate added = year == firstYear && random.nextDouble() < 0.6 ? start.plusDays(random.nextInt(Math.min(days, 31)))
          : day(start, days);
      item(added, id, ItemAction.added, kind);
      LocalDate removed = random.nextDouble() < 0.1 ? follow(added, 30 + random.nextInt(700)) : null;
      if (removed != null) {
        item(removed, id, ItemAction.removed, kind);
      }
    }
    for (int i = poisson(FEES * scale); i > 0; i--) {
      LocalDate collected = day(start, days);
      long fen = Math.max(100, Math.min(50_000_000L, Math.round(30_000 * Math.exp(random.nextGaussian()))));
      add(collected, new DisclosureEvent(eventId(), town, collected, new FeeCollected(factId("SF", year),
          Yuan.ofFen(fen).text())));
    }
    double appeals = APPEALS * (profile == Profile.CONTESTED ? 8 : 1);
    double[] results = profile == Profile.CONTESTED ? CONTESTED_RESULT_MIX : APPEAL_RESULT_MIX;
    for (int i = poisson(appeals * scale); i > 0; i--) {
      String id = "FY-" + year + "-" + (++cases);
      LocalDate filed = day(start, days);
      add(filed, new AppealEvent(eventId(), town, id, filed, new AppealFiled(AppealKind.values()[pick(APPEAL_KIND_MIX)])));
      LocalDate decided = finish(filed, 30 + random.nextInt(150));
      if (decided != null) {
        add(decided, new AppealEvent(eventId(), town, id, decided, new AppealDecided(AppealResult.values()[pick(results)])));
      }
    }
  }

  private void document(LocalDate date, String id, DocumentAction action, DocumentKind kind) {
    add(date, new DisclosureEvent(eventId(), town, date, new DocumentChange(id, action, kind)));
  }

  private void item(LocalDate date, String id, ItemAction action, ItemKind kind) {
    add(date, new DisclosureEvent(eventId(), town, date, new ItemChange(id, action, kind)));
  }

  /** The day a follow-up (publication, repeal, removal) happens, or null when that is after the horizon. */
  private LocalDate follow(LocalDate from, int days) {
    LocalDate day = from.plusDays(days);
    return day.isAfter(horizon) ? null : day;
  }

  /**
   * The day a request is concluded or a case decided, or null when that is after today (still
   * open): a silent town finishes them all by the end of its last year, so it carries nothing over.
   */
  private LocalDate finish(LocalDate from, int days) {
    LocalDate day = follow(from, days);
    return day == null && profile == Profile.SILENT ? horizon : day;
  }

  private LocalDate day(LocalDate start, int days) {
    return start.plusDays(random.nextInt(days));
  }

  private void add(LocalDate published, SpecificRecord payload) {
    entries.add(new Entry(published, ++sequence, payload));
  }

  private String eventId() {
    return DemoHistory.EVENT_ID_PREFIX + town + "-" + (++eventNumber);
  }

  private String factId(String prefix, int year) {
    return prefix + "-" + year + "-" + (++facts);
  }

  private int pick(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private int poisson(double mean) {
    if (mean > 50) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }
}
