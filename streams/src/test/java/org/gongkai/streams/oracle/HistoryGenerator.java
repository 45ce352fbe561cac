package org.gongkai.streams.oracle;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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

/**
 * Random event histories from a seed. Each history has two or three real towns of 上高县
 * (360923100–360923108) and sometimes events of an unregistered or malformed town code.
 * Every town lives through 2017–2026 (with a few older requests and items): requests concluded
 * in the same year, a later year or never; appeals pending over years; documents issued,
 * published and repealed; catalogue items added and removed; decisions, fees, procurement;
 * years closed in order, out of order, twice, or with a bad year. Each event is published at
 * its date plus a delay, mostly days but sometimes months or years, so entities and towns
 * interleave and some events arrive after their year was closed. On top come mistakes: exact
 * duplicates, conflicting re-publications, facts about unknown ids, wrong order, bad amounts,
 * dates out of range and keys that are not the event's town.
 */
public final class HistoryGenerator {
  public static final List<String> KNOWN_TOWNS = List.of("360923100", "360923101", "360923102",
      "360923103", "360923104", "360923105", "360923106", "360923107", "360923108");
  /** Nine digits, but not a town of the registry. */
  public static final String UNREGISTERED_TOWN = "360923109";
  /** Not nine digits. */
  public static final String MALFORMED_TOWN = "36092310";

  private static final LocalDate TODAY = Oracle.TODAY;

  private final Random rnd;
  private final long seed;
  private final List<Scheduled> out = new ArrayList<>();
  /** When ids share one pool across families ("7" is a request, a project and a fee). */
  private final boolean sharedIds;
  private int sequence;
  private int order;

  /** An event and when the publisher sends it; ties keep generation order. */
  private record Scheduled(LocalDate at, int order, Oracle.Event event) {}

  private HistoryGenerator(long seed) {
    this.seed = seed;
    this.rnd = new Random(seed);
    this.sharedIds = rnd.nextInt(4) == 0;
  }

  /** The history of a seed, in publication order. */
  public static List<Oracle.Event> generate(long seed) {
    return new HistoryGenerator(seed).history();
  }

  private List<Oracle.Event> history() {
    List<String> pool = new ArrayList<>(KNOWN_TOWNS);
    int towns = rnd.nextInt(4) == 0 ? 3 : 2;
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < towns; i++) {
      chosen.add(pool.remove(rnd.nextInt(pool.size())));
    }
    for (String town : chosen) {
      if (rnd.nextInt(8) == 0) {
        new TownLife(town, chosen).sparse();
      } else {
        new TownLife(town, chosen).live();
      }
    }
    if (rnd.nextInt(3) == 0) {
      strangers(chosen.get(0));
    }
    out.sort(Comparator.comparing(Scheduled::at).thenComparingInt(Scheduled::order));
    return out.stream().map(Scheduled::event).toList();
  }

  // ------------------------------------------------------------------ building blocks

  private String eventId() {
    return "s" + seed + "-" + (++sequence);
  }

  private void emit(LocalDate at, String key, SpecificRecord event) {
    out.add(new Scheduled(at, order++, new Oracle.Event(key, event)));
  }

  private boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  private <T> T pick(T[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** A day of the year, often 1 Jan or 31 Dec; never after today. */
  private LocalDate dayIn(int year) {
    LocalDate first = LocalDate.of(year, 1, 1);
    LocalDate last = min(LocalDate.of(year, 12, 31), TODAY);
    int r = rnd.nextInt(20);
    if (r == 0) {
      return first;
    } else if (r == 1) {
      return last;
    }
    return between(first, last);
  }

  private LocalDate between(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    return days <= 0 ? from : from.plusDays((long) (rnd.nextDouble() * (days + 1)));
  }

  /** A date in 2017–2026, weighted to the middle years, sometimes much older. */
  private LocalDate someDate(boolean allowOld) {
    if (allowOld && rnd.nextInt(12) == 0) {
      return rnd.nextInt(6) == 0 ? LocalDate.of(2008, 5, 1) : dayIn(2009 + rnd.nextInt(8));
    }
    int r = rnd.nextInt(100);
    int year = r < 5 ? 2026 : 2017 + rnd.nextInt(9);
    return dayIn(year);
  }

  /** A date 1–3 years after {@code date}, or null if that is after today. */
  private LocalDate laterYear(LocalDate date) {
    LocalDate later = dayIn(Math.min(date.getYear() + 1 + rnd.nextInt(3), TODAY.getYear()));
    if (later.getYear() <= date.getYear()) {
      return null;
    }
    return later;
  }

  /** Later in the same year, or on the same day. */
  private LocalDate sameYear(LocalDate date) {
    return between(date, min(LocalDate.of(date.getYear(), 12, 31), TODAY));
  }

  /** When the publisher sends something that happened on {@code date}. */
  private LocalDate sendAt(LocalDate date) {
    int r = rnd.nextInt(100);
    if (r < 80) {
      return date.plusDays(rnd.nextInt(8));
    } else if (r < 93) {
      return date.plusDays(30 + rnd.nextInt(170));
    }
    return date.plusDays(366 + rnd.nextInt(540));
  }

  private String amount() {
    int r = rnd.nextInt(10);
    long yuan = rnd.nextInt(10) == 0 ? rnd.nextInt(5_000_000) : rnd.nextInt(200_000);
    return switch (r) {
      case 0 -> Long.toString(yuan);
      case 1 -> yuan + "." + rnd.nextInt(10);
      case 2 -> "0.00";
      case 3 -> yuan + ".50";
      default -> String.format("%d.%02d", yuan, rnd.nextInt(100));
    };
  }

  private String badAmount() {
    return switch (rnd.nextInt(6)) {
      case 0 -> "12.345";
      case 1 -> "-5.00";
      case 2 -> "-" + amount();
      case 3 -> "1,000.00";
      case 4 -> "abc";
      default -> rnd.nextInt(1000) + "." + (100 + rnd.nextInt(900));
    };
  }

  /** A date the streams must refuse: before 2008-05-01 or after today. */
  private LocalDate outOfRange() {
    return switch (rnd.nextInt(4)) {
      case 0 -> LocalDate.of(2008, 4, 30);
      case 1 -> LocalDate.of(1999 + rnd.nextInt(9), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
      case 2 -> TODAY.plusDays(1);
      default -> TODAY.plusDays(2 + rnd.nextInt(900));
    };
  }

  // ------------------------------------------------------------------ one town's life

  private record Req(String id, Applicant applicant, LocalDate received, LocalDate receivedAt,
      LocalDate concluded, Outcome outcome, LocalDate concludedAt) {}

  private record Appeal(String id, AppealKind kind, LocalDate filed, LocalDate filedAt,
      LocalDate decided, AppealResult result) {}

  private record Doc(String id, DocumentKind kind, LocalDate issued, LocalDate published,
      LocalDate repealed, LocalDate repealedAt) {}

  private record Itm(String id, ItemKind kind, LocalDate added, LocalDate removed) {}

  private record Fact(String id, LocalDate date, String amount, DecisionKind kind, LocalDate at) {}

  private final class TownLife {
    final String town;
    final List<String> neighbours;
    final List<Req> requests = new ArrayList<>();
    final List<Appeal> appeals = new ArrayList<>();
    final List<Doc> documents = new ArrayList<>();
    final List<Itm> items = new ArrayList<>();
    final List<Fact> decisions = new ArrayList<>();
    final List<Fact> fees = new ArrayList<>();
    final List<Fact> projects = new ArrayList<>();
    final List<Scheduled> sent = new ArrayList<>();
    int ids;

    TownLife(String town, List<String> neighbours) {
      this.town = town;
      this.neighbours = neighbours;
    }

    String id(String prefix) {
      return (sharedIds ? "" : prefix) + (++ids);
    }

    void send(LocalDate at, SpecificRecord event) {
      emit(at, town, event);
      sent.add(out.get(out.size() - 1));
    }

    void received(LocalDate at, String id, LocalDate date, Applicant applicant) {
      send(at, new RequestEvent(eventId(), town, id, date, new RequestReceived(applicant)));
    }

    void concluded(LocalDate at, String id, LocalDate date, Outcome outcome) {
      send(at, new RequestEvent(eventId(), town, id, date, new RequestConcluded(outcome)));
    }

    void filed(LocalDate at, String id, LocalDate date, AppealKind kind) {
      send(at, new AppealEvent(eventId(), town, id, date, new AppealFiled(kind)));
    }

    void decided(LocalDate at, String id, LocalDate date, AppealResult result) {
      send(at, new AppealEvent(eventId(), town, id, date, new AppealDecided(result)));
    }

    void document(LocalDate at, String id, LocalDate date, DocumentAction action, DocumentKind kind) {
      send(at, new DisclosureEvent(eventId(), town, date, new DocumentChange(id, action, kind)));
    }

    void item(LocalDate at, String id, LocalDate date, ItemAction action, ItemKind kind) {
      send(at, new DisclosureEvent(eventId(), town, date, new ItemChange(id, action, kind)));
    }

    void decision(LocalDate at, String id, LocalDate date, DecisionKind kind) {
      send(at, new DisclosureEvent(eventId(), town, date, new DecisionMade(id, kind)));
    }

    void fee(LocalDate at, String id, LocalDate date, String amount) {
      send(at, new DisclosureEvent(eventId(), town, date, new FeeCollected(id, amount)));
    }

    void awarded(LocalDate at, String id, LocalDate date, String amount) {
      send(at, new ProcurementEvent(eventId(), town, id, date, amount));
    }

    void closed(LocalDate at, int year) {
      send(at, new YearClosedEvent(eventId(), town, year));
    }

    /** A town that publishes almost nothing: its reports exist only from its first counted event. */
    void sparse() {
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        switch (rnd.nextInt(5)) {
          case 0 -> {
            LocalDate d = someDate(false);
            received(sendAt(d), id("R"), d, pick(Applicant.values()));
          }
          case 1 -> {
            LocalDate d = someDate(false);
            concluded(sendAt(d), id("R"), d, pick(Outcome.values()));
          }
          case 2 -> closed(dayIn(2020 + rnd.nextInt(6)), 2019 + rnd.nextInt(7));
          case 3 -> {
            LocalDate d = someDate(false);
            awarded(sendAt(d), id("P"), d, chance(0.5) ? amount() : badAmount());
          }
          default -> {
            LocalDate d = someDate(false);
            decision(sendAt(d), id("D"), d, pick(DecisionKind.values()));
          }
        }
      }
    }

    void live() {
      double volume = 0.5 + rnd.nextDouble();
      int n = (int) (volume * (3 + rnd.nextInt(8)));
      for (int i = 0; i < n; i++) {
        request();
      }
      n = (int) (volume * rnd.nextInt(5));
      for (int i = 0; i < n; i++) {
        appeal();
      }
      n = (int) (volume * rnd.nextInt(5));
      for (int i = 0; i < n; i++) {
        document();
      }
      n = (int) (volume * rnd.nextInt(6));
      for (int i = 0; i < n; i++) {
        item();
      }
      n = (int) (volume * rnd.nextInt(5));
      for (int i = 0; i < n; i++) {
        LocalDate d = someDate(false);
        Fact f = new Fact(id("D"), d, null, pick(DecisionKind.values()), sendAt(d));
        decisions.add(f);
        decision(f.at(), f.id(), d, f.kind());
      }
      n = (int) (volume * rnd.nextInt(4));
      for (int i = 0; i < n; i++) {
        LocalDate d = someDate(false);
        Fact f = new Fact(id("F"), d, amount(), null, sendAt(d));
        fees.add(f);
        fee(f.at(), f.id(), d, f.amount());
      }
      n = (int) (volume * rnd.nextInt(4));
      for (int i = 0; i < n; i++) {
        LocalDate d = someDate(false);
        Fact f = new Fact(id("P"), d, amount(), null, sendAt(d));
        projects.add(f);
        awarded(f.at(), f.id(), d, f.amount());
      }
      closures();
      n = rnd.nextInt(8);
      for (int i = 0; i < n; i++) {
        mistake();
      }
    }

    void request() {
      String id = id("R");
      LocalDate received = someDate(true);
      if (rnd.nextInt(25) == 0) {
        received = LocalDate.of(Math.min(received.getYear(), 2025), 12, 31);
      }
      Applicant applicant = rnd.nextInt(3) == 0 ? pick(Applicant.values()) : Applicant.natural_person;
      LocalDate receivedAt = sendAt(received);
      received(receivedAt, id, received, applicant);
      int r = rnd.nextInt(100);
      LocalDate concluded = r < 55 ? sameYear(received) : r < 85 ? laterYear(received) : null;
      if (concluded == null) {
        requests.add(new Req(id, applicant, received, receivedAt, null, null, null));
        return;
      }
      Outcome outcome = rnd.nextInt(3) == 0 ? Outcome.granted : pick(Outcome.values());
      // mostly after the receipt was sent; a conclusion sent before its receipt is a mistake
      LocalDate at = sendAt(concluded);
      if (!at.isAfter(receivedAt) && rnd.nextInt(10) != 0) {
        at = receivedAt.plusDays(rnd.nextInt(3));
      }
      concluded(at, id, concluded, outcome);
      requests.add(new Req(id, applicant, received, receivedAt, concluded, outcome, at));
    }

    void appeal() {
      String id = id("C");
      LocalDate filed = someDate(false);
      AppealKind kind = pick(AppealKind.values());
      LocalDate filedAt = sendAt(filed);
      filed(filedAt, id, filed, kind);
      int r = rnd.nextInt(100);
      LocalDate decided = r < 40 ? sameYear(filed) : r < 75 ? laterYear(filed) : null;
      AppealResult result = pick(AppealResult.values());
      if (decided != null) {
        decided(max(sendAt(decided), filedAt), id, decided, result);
      }
      appeals.add(new Appeal(id, kind, filed, filedAt, decided, decided == null ? null : result));
    }

    void document() {
      String id = id("G");
      DocumentKind kind = pick(DocumentKind.values());
      LocalDate first = someDate(false);
      int mode = rnd.nextInt(10);
      LocalDate issued = mode < 8 ? first : null;
      LocalDate published = mode >= 2 ? (mode < 8 ? first.plusDays(rnd.nextInt(90) - 10) : first) : null;
      if (published != null && published.isAfter(TODAY)) {
        published = TODAY;
      }
      LocalDate start = issued == null ? published : published == null ? issued : max(issued, published);
      LocalDate lastAt = start;
      if (issued != null) {
        LocalDate at = sendAt(issued);
        document(at, id, issued, DocumentAction.issued, kind);
        lastAt = max(lastAt, at);
      }
      if (published != null) {
        LocalDate at = sendAt(published);
        document(at, id, published, DocumentAction.published, kind);
        lastAt = max(lastAt, at);
      }
      LocalDate repealed = null;
      LocalDate repealedAt = null;
      if (chance(0.35)) {
        repealed = chance(0.2) ? start : between(start, min(start.plusDays(1200), TODAY));
        repealedAt = max(sendAt(repealed), lastAt.plusDays(1));
        document(repealedAt, id, repealed, DocumentAction.repealed, kind);
      }
      documents.add(new Doc(id, kind, issued, published, repealed, repealedAt));
    }

    void item() {
      String id = id("I");
      ItemKind kind = pick(ItemKind.values());
      LocalDate added = someDate(true);
      LocalDate addedAt = sendAt(added);
      item(addedAt, id, added, ItemAction.added, kind);
      LocalDate removed = null;
      if (chance(0.35)) {
        removed = chance(0.5) ? sameYear(added) : laterYear(added);
        if (removed != null) {
          item(max(sendAt(removed), addedAt.plusDays(1)), id, removed, ItemAction.removed, kind);
        }
      }
      items.add(new Itm(id, kind, added, removed));
    }

    /** Years closed in order, mostly early in the next year; sometimes skipped, repeated, out of order, bad. */
    void closures() {
      if (chance(0.25)) {
        return;
      }
      int through = 2019 + rnd.nextInt(7);
      List<Integer> closedYears = new ArrayList<>();
      for (int year = 2019; year <= through; year++) {
        if (year == through || chance(0.6)) {
          LocalDate at = dayIn(year + 1).withMonth(1 + rnd.nextInt(4));
          closed(min(at, TODAY), year);
          closedYears.add(year);
        }
      }
      if (chance(0.3)) {
        int year = pick(closedYears);
        closed(dayIn(Math.min(year + 1 + rnd.nextInt(2), TODAY.getYear())), year);
      }
      if (chance(0.15)) {
        // an older year closed after a later one: nothing new to close
        closed(dayIn(Math.min(through + 1, TODAY.getYear())), 2019 + rnd.nextInt(through - 2018));
      }
      if (chance(0.2)) {
        int[] bad = {2018, 2017, TODAY.getYear(), TODAY.getYear() + 1, 2030, 0};
        closed(someDate(false), bad[rnd.nextInt(bad.length)]);
      }
    }

    /** A publisher's mistake, sent some time after the thing it is about. */
    void mistake() {
      int kind = rnd.nextInt(20);
      switch (kind >= 18 ? 7 : kind) {
        case 0, 1 -> resend();
        case 2 -> {
          if (requests.isEmpty()) {
            return;
          }
          Req r = pick(requests);
          LocalDate at = r.receivedAt().plusDays(rnd.nextInt(400));
          if (chance(0.5)) {
            Applicant other = Applicant.values()[(r.applicant().ordinal() + 1 + rnd.nextInt(5)) % 6];
            received(at, r.id(), r.received(), other);
          } else {
            received(at, r.id(), r.received().plusDays(chance(0.5) ? 1 : 400), r.applicant());
          }
        }
        case 3 -> {
          LocalDate d = someDate(false);
          concluded(sendAt(d), id("R"), d, pick(Outcome.values()));
        }
        case 4 -> {
          if (requests.isEmpty()) {
            return;
          }
          Req r = pick(requests);
          LocalDate d = r.concluded() != null ? r.concluded() : sameYear(r.received());
          Outcome o = r.outcome() == null ? pick(Outcome.values())
              : Outcome.values()[(r.outcome().ordinal() + 1 + rnd.nextInt(20)) % 21];
          LocalDate at = r.concludedAt() != null ? r.concludedAt() : r.receivedAt();
          concluded(at.plusDays(1 + rnd.nextInt(300)), r.id(), chance(0.5) ? d : d.plusDays(1), o);
        }
        case 5 -> {
          if (requests.isEmpty()) {
            return;
          }
          Req r = pick(requests);
          if (r.received().isAfter(LocalDate.of(2008, 5, 2))) {
            concluded(r.receivedAt().plusDays(1 + rnd.nextInt(30)), r.id(), r.received().minusDays(1 + rnd.nextInt(40)),
                pick(Outcome.values()));
          }
        }
        case 6 -> {
          if (appeals.isEmpty()) {
            LocalDate d = someDate(false);
            decided(sendAt(d), id("C"), d, pick(AppealResult.values()));
            return;
          }
          Appeal a = pick(appeals);
          int r = rnd.nextInt(3);
          if (r == 0) {
            filed(a.filedAt().plusDays(rnd.nextInt(200)), a.id(), a.filed(),
                AppealKind.values()[(a.kind().ordinal() + 1) % 3]);
          } else if (r == 1 && a.decided() != null) {
            decided(a.filedAt().plusDays(400 + rnd.nextInt(400)), a.id(), a.decided(),
                AppealResult.values()[(a.result().ordinal() + 1) % 3]);
          } else if (a.filed().isAfter(LocalDate.of(2008, 6, 1))) {
            decided(a.filedAt().plusDays(rnd.nextInt(5)), a.id(), a.filed().minusDays(1 + rnd.nextInt(20)),
                pick(AppealResult.values()));
          }
        }
        case 7 -> {
          if (documents.isEmpty()) {
            LocalDate d = someDate(false);
            document(sendAt(d), id("G"), d, DocumentAction.repealed, pick(DocumentKind.values()));
            return;
          }
          Doc d = pick(documents);
          for (Doc other : documents) {
            if (other.repealed() != null && chance(0.5)) {
              d = other;
            }
          }
          LocalDate base = d.issued() != null ? d.issued() : d.published();
          int r = rnd.nextInt(5);
          if (r == 0) {
            // the other kind
            document(sendAt(base), d.id(), base, pick(DocumentAction.values()),
                DocumentKind.values()[(d.kind().ordinal() + 1) % 2]);
          } else if (r == 1 && d.repealed() != null) {
            // issued or published after its repeal: for the first time, or again
            LocalDate at = d.repealedAt().plusDays(1 + rnd.nextInt(100));
            if (d.issued() == null) {
              document(at, d.id(), d.published().plusDays(rnd.nextInt(3) - 1), DocumentAction.issued, d.kind());
            } else if (d.published() == null) {
              document(at, d.id(), d.issued().plusDays(rnd.nextInt(3) - 1), DocumentAction.published, d.kind());
            } else {
              document(at, d.id(), chance(0.5) ? d.published() : d.published().plusDays(3), DocumentAction.published,
                  d.kind());
            }
          } else if (r == 2 && d.repealed() != null) {
            document(d.repealedAt().plusDays(1 + rnd.nextInt(100)), d.id(),
                chance(0.5) ? d.repealed() : d.repealed().plusDays(1), DocumentAction.repealed, d.kind());
          } else if (r == 3) {
            // a repeal dated before the document's start, sent soon after
            document(sendAt(base).plusDays(10), d.id(), base.minusDays(1 + rnd.nextInt(60)),
                DocumentAction.repealed, d.kind());
          } else {
            LocalDate p = d.published() != null ? d.published() : base;
            document(sendAt(p).plusDays(rnd.nextInt(200)), d.id(), chance(0.5) ? p : p.plusDays(2),
                DocumentAction.published, d.kind());
          }
        }
        case 8 -> {
          if (items.isEmpty()) {
            LocalDate d = someDate(false);
            item(sendAt(d), id("I"), d, ItemAction.removed, pick(ItemKind.values()));
            return;
          }
          Itm i = pick(items);
          int r = rnd.nextInt(4);
          if (r == 0) {
            item(sendAt(i.added()).plusDays(rnd.nextInt(300)), i.id(), i.added(), pick(ItemAction.values()),
                ItemKind.values()[(i.kind().ordinal() + 1 + rnd.nextInt(4)) % 5]);
          } else if (r == 1) {
            item(sendAt(i.added()).plusDays(rnd.nextInt(300)), i.id(), chance(0.5) ? i.added() : i.added().plusDays(5),
                ItemAction.added, i.kind());
          } else if (r == 2 && i.removed() != null) {
            item(sendAt(i.removed()).plusDays(20 + rnd.nextInt(300)), i.id(),
                chance(0.5) ? i.removed() : i.removed().plusDays(1), ItemAction.removed, i.kind());
          } else if (i.added().isAfter(LocalDate.of(2008, 6, 1))) {
            item(sendAt(i.added()).plusDays(15), i.id(), i.added().minusDays(1 + rnd.nextInt(30)),
                ItemAction.removed, i.kind());
          }
        }
        case 9 -> {
          List<Fact> pool = new ArrayList<>(projects);
          pool.addAll(fees);
          pool.addAll(decisions);
          if (pool.isEmpty()) {
            return;
          }
          Fact f = pick(pool);
          LocalDate at = f.at().plusDays(1 + rnd.nextInt(500));
          boolean otherDate = chance(0.4);
          LocalDate d = otherDate ? f.date().plusDays(1) : f.date();
          if (projects.contains(f)) {
            awarded(at, f.id(), d, otherDate ? f.amount() : f.amount() + "1");
          } else if (fees.contains(f)) {
            fee(at, f.id(), d, otherDate ? f.amount() : "1" + f.amount());
          } else {
            decision(at, f.id(), d, otherDate ? f.kind() : DecisionKind.values()[(f.kind().ordinal() + 1) % 4]);
          }
        }
        case 10 -> {
          LocalDate d = someDate(false);
          if (chance(0.5)) {
            awarded(sendAt(d), id("P"), d, badAmount());
          } else {
            fee(sendAt(d), id("F"), d, badAmount());
          }
        }
        case 11 -> {
          if (!projects.isEmpty() && chance(0.5)) {
            Fact f = pick(projects);
            // the same amount written otherwise: a duplicate
            String a = f.amount();
            String same = !a.contains(".") ? a + ".00" : a.indexOf('.') == a.length() - 2 ? a + "0" : a;
            awarded(f.at().plusDays(rnd.nextInt(100)), f.id(), f.date(), same);
          } else if (!fees.isEmpty()) {
            Fact f = pick(fees);
            fee(f.at().plusDays(rnd.nextInt(100)), f.id(), f.date(), badAmount());
          }
        }
        case 12 -> {
          LocalDate d = outOfRange();
          switch (rnd.nextInt(4)) {
            case 0 -> received(dayIn(2017 + rnd.nextInt(9)), id("R"), d, pick(Applicant.values()));
            case 1 -> decision(dayIn(2017 + rnd.nextInt(9)), id("D"), d, pick(DecisionKind.values()));
            case 2 -> filed(dayIn(2017 + rnd.nextInt(9)), id("C"), d, pick(AppealKind.values()));
            default -> awarded(dayIn(2017 + rnd.nextInt(9)), id("P"), d, amount());
          }
        }
        case 13 -> {
          // keyed by another town
          String other = neighbours.stream().filter(t -> !t.equals(town)).findFirst().orElseThrow();
          LocalDate d = someDate(false);
          String id = id("R");
          emit(sendAt(d), other,
              new RequestEvent(eventId(), town, id, d, new RequestReceived(pick(Applicant.values()))));
        }
        case 14 -> {
          // the boundaries of the accepted period
          LocalDate d = chance(0.5) ? LocalDate.of(2008, 5, 1) : TODAY;
          String id = id("R");
          received(chance(0.5) ? d : dayIn(2020 + rnd.nextInt(6)), id, d, pick(Applicant.values()));
        }
        case 15 -> {
          // a late fact: dated years back, sent now
          LocalDate d = dayIn(2017 + rnd.nextInt(7));
          LocalDate at = min(d.plusDays(500 + rnd.nextInt(1000)), TODAY);
          switch (rnd.nextInt(4)) {
            case 0 -> received(at, id("R"), d, pick(Applicant.values()));
            case 1 -> filed(at, id("C"), d, pick(AppealKind.values()));
            case 2 -> item(at, id("I"), d, ItemAction.added, pick(ItemKind.values()));
            default -> document(at, id("G"), d, DocumentAction.published, pick(DocumentKind.values()));
          }
        }
        case 16 -> {
          // a late conclusion of a long-open request
          for (Req r : requests) {
            if (r.concluded() == null) {
              LocalDate d = sameYear(r.received());
              concluded(max(r.receivedAt(), d).plusDays(400 + rnd.nextInt(700)), r.id(), d, pick(Outcome.values()));
              return;
            }
          }
        }
        default -> {
          if (!requests.isEmpty()) {
            // a decision on an unknown case and a conclusion of an unknown request share the id space
            Req r = pick(requests);
            decided(r.receivedAt().plusDays(3), r.id(), r.received(), pick(AppealResult.values()));
          }
        }
      }
    }

    /** The exact same event again, later, with the same or a new eventId. */
    void resend() {
      if (sent.isEmpty()) {
        return;
      }
      Scheduled s = pick(sent);
      SpecificRecord copy = copy(s.event().value(), chance(0.5) ? null : eventId());
      emit(s.at().plusDays(rnd.nextInt(600)), s.event().key(), copy);
    }
  }

  /** Events of towns the streams do not know. */
  private void strangers(String known) {
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      String town = chance(0.7) ? UNREGISTERED_TOWN : MALFORMED_TOWN;
      LocalDate d = someDate(false);
      switch (rnd.nextInt(5)) {
        case 4 -> badId(known, d, i);
        case 0 -> emit(sendAt(d), town,
            new RequestEvent(eventId(), town, "X" + i, d, new RequestReceived(Applicant.natural_person)));
        case 1 -> emit(sendAt(d), town, new YearClosedEvent(eventId(), town, 2020));
        case 2 -> emit(sendAt(d), chance(0.5) ? town : known,
            new ProcurementEvent(eventId(), town, "X" + i, d, "100.00"));
        default -> emit(sendAt(d), town,
            new DisclosureEvent(eventId(), town, d, new DecisionMade("X" + i, DecisionKind.penalties)));
      }
    }
  }

  /** Ids no publisher may use (too long, empty, control characters, padded; a lone surrogate cannot travel in UTF-8). */
  private static final List<String> BAD_IDS = List.of("", " R-1", "R-1 ", "R\u0000", "R\n1", "\u001b[31m",
      "R".repeat(201));

  /** An event of a known town with a bad eventId or business id, as a careless system sends it straight to Kafka. */
  private void badId(String town, LocalDate d, int i) {
    String bad = pick(BAD_IDS);
    boolean business = chance(0.5);
    String eventId = business ? eventId() : bad;
    String id = business ? bad : "X" + i;
    switch (rnd.nextInt(3)) {
      case 0 -> emit(sendAt(d), town,
          new RequestEvent(eventId, town, id, d, new RequestReceived(Applicant.natural_person)));
      case 1 -> emit(sendAt(d), town, new ProcurementEvent(eventId, town, id, d, "100.00"));
      default -> emit(sendAt(d), town,
          new DisclosureEvent(eventId, town, d, new DecisionMade(id, DecisionKind.penalties)));
    }
  }

  /** A deep copy of an event, with a new eventId if one is given. */
  private static SpecificRecord copy(SpecificRecord value, String eventId) {
    if (value instanceof RequestEvent e) {
      RequestEvent c = RequestEvent.newBuilder(e).build();
      if (eventId != null) {
        c.setEventId(eventId);
      }
      return c;
    } else if (value instanceof AppealEvent e) {
      AppealEvent c = AppealEvent.newBuilder(e).build();
      if (eventId != null) {
        c.setEventId(eventId);
      }
      return c;
    } else if (value instanceof ProcurementEvent e) {
      ProcurementEvent c = ProcurementEvent.newBuilder(e).build();
      if (eventId != null) {
        c.setEventId(eventId);
      }
      return c;
    } else if (value instanceof DisclosureEvent e) {
      DisclosureEvent c = DisclosureEvent.newBuilder(e).build();
      if (eventId != null) {
        c.setEventId(eventId);
      }
      return c;
    }
    YearClosedEvent c = YearClosedEvent.newBuilder((YearClosedEvent) value).build();
    if (eventId != null) {
      c.setEventId(eventId);
    }
    return c;
  }
}
