package org.gongkai.api.crash;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.events.YearClosedEvent;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.oracle.HistoryGenerator;
import org.gongkai.streams.oracle.Oracle;
import org.gongkai.streams.registry.DivisionRegistry;

/**
 * A large event history for the drills, and its true figures. It is many {@link HistoryGenerator}
 * histories (one per generator seed), each moved to towns of its own: the generator's towns of
 * 上高县 are replaced by fresh registry towns spread over several provinces, cities and counties,
 * so the histories are independent and every county, city and province report has several towns.
 * The histories are interleaved at random, each keeping its own order (the figures of a town
 * depend only on the order of its own events). Every eventId gets this run's prefix.
 *
 * <p>The {@link Oracle} gives every town's figures. A region's figures are the sum of its towns',
 * except money: a region's amount is the exact sum of its towns' accepted amounts, rounded once
 * (README "HTTP API"), taken from the oracle's verdicts and the events' amounts.
 *
 * <p>The streams judge dates against the real clock and the oracle against {@link Oracle#TODAY};
 * the few events whose verdict would depend on which of the two is "today" (dates between them,
 * with a day of margin for a drill that runs over midnight in China) are left out.
 */
public final class DrillHistory {
  public static final int FIRST_YEAR = 2019;
  /** The last report year the oracle computes. */
  public static final int LAST_YEAR = Oracle.TODAY.getYear();
  /** Provinces the towns are taken from, round-robin by county. */
  private static final List<String> PROVINCES = List.of("13", "32", "43", "51", "14", "37", "41", "53", "45", "62");
  /** Towns taken from one county before the next county (of the next province) is used. */
  private static final int TOWNS_PER_COUNTY = 12;
  private static final Set<String> GENERATOR_TOWNS = Set.copyOf(HistoryGenerator.KNOWN_TOWNS);

  public final String prefix;
  /** In publication order. */
  public final List<Oracle.Event> events;
  /** The registry towns the history uses, in code order. */
  public final Set<String> towns;
  /** How many generator histories went into it. */
  final int histories;
  /** Events left out because their verdict depends on the date of today (see the class comment). */
  final int leftOut;

  private DrillHistory(String prefix, List<Oracle.Event> events, Set<String> towns, int histories, int leftOut) {
    this.prefix = prefix;
    this.events = events;
    this.towns = towns;
    this.histories = histories;
    this.leftOut = leftOut;
  }

  /** Events written by a test, as a history: in publication order, of these registry towns. */
  static DrillHistory of(String prefix, List<Oracle.Event> events, Set<String> towns) {
    return new DrillHistory(prefix, List.copyOf(events), new java.util.TreeSet<>(towns), 0, 0);
  }

  /** The first n events, as a history of their own. */
  DrillHistory first(int n) {
    return new DrillHistory(prefix, events.subList(0, n), towns, histories, leftOut);
  }

  /** The true figures: the {@link Oracle}'s verdicts on the events in this order. */
  public Truth truth() {
    return new Truth(Oracle.run(towns, events));
  }

  /**
   * At least {@code minEvents} events from generator seeds {@code firstSeed}, {@code firstSeed + 1}, …;
   * {@code seed} decides the interleaving.
   */
  public static DrillHistory generate(DivisionRegistry registry, long firstSeed, int minEvents, long seed, String prefix) {
    List<List<Oracle.Event>> histories = new ArrayList<>();
    TownPool pool = new TownPool(registry);
    Set<String> towns = new TreeSet<>();
    LocalDate today = LocalDate.now(EventChecks.CHINA);
    int leftOut = 0;
    int total = 0;
    for (long s = firstSeed; total < minEvents; s++) {
      Map<String, String> moved = new HashMap<>();
      // the generator's unregistered and malformed towns stay as they are
      Function<String, String> mover = code -> GENERATOR_TOWNS.contains(code)
          ? moved.computeIfAbsent(code, c -> pool.next()) : code;
      List<Oracle.Event> history = new ArrayList<>();
      for (Oracle.Event event : HistoryGenerator.generate(s)) {
        if (dependsOnToday(event.value(), today)) {
          leftOut++;
          continue;
        }
        history.add(rewrite(event, mover, prefix));
      }
      towns.addAll(moved.values());
      histories.add(history);
      total += history.size();
    }
    return new DrillHistory(prefix, interleave(histories, new Random(seed)), towns, histories.size(), leftOut);
  }

  /** The same event in other towns: town field and key moved, eventId prefixed; a deep copy. */
  private static Oracle.Event rewrite(Oracle.Event event, Function<String, String> move, String prefix) {
    SpecificRecord value = event.value();
    Schema schema = value.getSchema();
    SpecificRecord copy = (SpecificRecord) SpecificData.getForSchema(schema).deepCopy(schema, value);
    int eventId = schema.getField("eventId").pos();
    int town = schema.getField("town").pos();
    copy.put(eventId, prefix + copy.get(eventId));
    copy.put(town, move.apply((String) copy.get(town)));
    return new Oracle.Event(move.apply(event.key()), copy);
  }

  /** Whether the streams (real today) and the oracle ({@link Oracle#TODAY}) could judge the event differently. */
  static boolean dependsOnToday(SpecificRecord value, LocalDate realToday) {
    LocalDate from = min(Oracle.TODAY, realToday);
    LocalDate to = max(Oracle.TODAY, realToday.plusDays(1));
    if (value instanceof YearClosedEvent closed) {
      int year = closed.getYear();
      return year >= from.getYear() && year < to.getYear();
    }
    Schema schema = value.getSchema();
    Object raw = value.get(schema.getField("date").pos());
    LocalDate date = raw instanceof LocalDate d ? d : LocalDate.ofEpochDay(((Number) raw).longValue());
    return date.isAfter(from) && !date.isAfter(to);
  }

  /** Merges the histories at random positions; each keeps its order, as (i + u) / n grows with i. */
  private static List<Oracle.Event> interleave(List<List<Oracle.Event>> histories, Random random) {
    record Placed(double position, Oracle.Event event) {}
    List<Placed> placed = new ArrayList<>();
    for (List<Oracle.Event> history : histories) {
      double start = random.nextDouble() * 0.2;
      double span = 1 - start;
      for (int i = 0; i < history.size(); i++) {
        placed.add(new Placed(start + span * (i + random.nextDouble()) / history.size(), history.get(i)));
      }
    }
    placed.sort((a, b) -> Double.compare(a.position(), b.position()));
    return placed.stream().map(Placed::event).toList();
  }

  // ------------------------------------------------------------------ the true figures

  /** Every place with a report: the towns, then their counties, cities and provinces. */
  public List<String> regions() {
    Set<String> regions = new LinkedHashSet<>();
    for (int length : new int[] {6, 4, 2}) {
      towns.forEach(t -> regions.add(t.substring(0, length)));
    }
    return List.copyOf(regions);
  }

  /** The true figures, town by town and region by region. */
  public final class Truth {
    public final Oracle oracle;

    private Truth(Oracle oracle) {
      this.oracle = oracle;
    }

    /** The town's report for year t as the oracle's flat map, or null when it has none. */
    public Map<String, Object> townReport(String town, int t) {
      return oracle.exists(town, t) ? oracle.report(town, t) : null;
    }

    /**
     * The reports of every region for year t as flat maps like a town's, with {@code towns} and
     * {@code finalTowns} after {@code status}: the sums of their towns' reports, but money summed
     * exactly and rounded once. Regions none of whose towns has a report for t are left out.
     */
    public Map<String, Map<String, Object>> regionReports(int t) {
      Map<String, Map<String, Object>> sums = new HashMap<>();
      Map<String, long[]> counts = new HashMap<>(); // towns with figures, final towns
      for (String town : towns) {
        if (!oracle.exists(town, t)) {
          continue;
        }
        Map<String, Object> report = oracle.report(town, t);
        for (String region : List.of(town.substring(0, 6), town.substring(0, 4), town.substring(0, 2))) {
          long[] c = counts.computeIfAbsent(region, r -> new long[2]);
          c[0]++;
          if ("final".equals(report.get("status"))) {
            c[1]++;
          }
          Map<String, Object> sum = sums.computeIfAbsent(region, r -> new LinkedHashMap<>());
          report.forEach((cell, value) -> {
            if (value instanceof Long n && !cell.equals("year")) {
              sum.merge(cell, n, (a, b) -> (Long) a + (Long) b);
            } else {
              sum.putIfAbsent(cell, value); // year, template; status and money are set below
            }
          });
        }
      }
      Map<String, Map<String, Object>> reports = new HashMap<>();
      sums.forEach((region, sum) -> {
        long[] c = counts.get(region);
        Map<String, Object> report = new LinkedHashMap<>();
        for (var cell : sum.entrySet()) {
          report.put(cell.getKey(), cell.getValue());
          if (cell.getKey().equals("status")) {
            report.put("status", c[1] == c[0] ? "final" : "open");
            report.put("towns", c[0]);
            report.put("finalTowns", c[1]);
          }
        }
        Money money = money().getOrDefault(region + "|" + t, new Money());
        if (report.containsKey("proactive.procurement.amount")) {
          report.put("proactive.procurement.amount", wan(money.procurement));
        }
        if (report.containsKey("proactive.fees.amount")) {
          report.put("proactive.fees.amount", wan(money.fees));
        }
        reports.put(region, report);
      });
      return reports;
    }

    /** Accepted amounts in 元 by place and counting year, exact. */
    private final class Money {
      BigDecimal procurement = BigDecimal.ZERO;
      BigDecimal fees = BigDecimal.ZERO;
    }

    private Map<String, Money> money;

    /** From the oracle's verdicts: every accepted award and fee, in its town, county, city, province. */
    private synchronized Map<String, Money> money() {
      if (money != null) {
        return money;
      }
      money = new HashMap<>();
      List<Oracle.Decision> decisions = oracle.decisions();
      for (int i = 0; i < events.size(); i++) {
        Oracle.Decision decision = decisions.get(i);
        if (decision.verdict() != Oracle.Verdict.ACCEPTED) {
          continue;
        }
        SpecificRecord value = events.get(i).value();
        boolean procurement = value instanceof ProcurementEvent;
        String amount = value instanceof ProcurementEvent p ? p.getAmountYuan()
            : value instanceof DisclosureEvent d && d.getFact() instanceof FeeCollected f ? f.getAmountYuan() : null;
        if (amount == null) {
          continue;
        }
        String town = decision.town();
        for (String place : List.of(town, town.substring(0, 6), town.substring(0, 4), town.substring(0, 2))) {
          Money m = money.computeIfAbsent(place + "|" + decision.countingYear(), k -> new Money());
          if (procurement) {
            m.procurement = m.procurement.add(new BigDecimal(amount));
          } else {
            m.fees = m.fees.add(new BigDecimal(amount));
          }
        }
      }
      // the derivation must agree with the oracle's own town figures
      for (String town : towns) {
        for (int t = FIRST_YEAR; t <= LAST_YEAR; t++) {
          Map<String, Object> report = townReport(town, t);
          if (report == null) {
            continue;
          }
          Money m = money.getOrDefault(town + "|" + t, new Money());
          check(report, "proactive.procurement.amount", wan(m.procurement), town, t);
          check(report, "proactive.fees.amount", wan(m.fees), town, t);
        }
      }
      return money;
    }

    /** eventIds of the events the oracle rejects, with how many times each is rejected. */
    public Map<String, Integer> rejectedEventIds() {
      Map<String, Integer> ids = new TreeMap<>();
      List<Oracle.Decision> decisions = oracle.decisions();
      for (int i = 0; i < events.size(); i++) {
        if (decisions.get(i).verdict() == Oracle.Verdict.REJECTED) {
          ids.merge(eventId(events.get(i).value()), 1, Integer::sum);
        }
      }
      return ids;
    }
  }

  private static void check(Map<String, Object> report, String cell, String derived, String town, int t) {
    if (report.containsKey(cell) && !report.get(cell).equals(derived)) {
      throw new IllegalStateException("money from the oracle's verdicts, " + derived + ", differs from its "
          + cell + " " + report.get(cell) + " for " + town + "/" + t);
    }
  }

  /** 元 to 万元 with exactly 4 decimals, half up, as the reports write money. */
  static String wan(BigDecimal yuan) {
    return yuan.movePointLeft(4).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  public static String eventId(SpecificRecord value) {
    return String.valueOf(value.get(value.getSchema().getField("eventId").pos()));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** Fresh registry towns: a county's first towns, counties taken round-robin over the provinces. */
  private static final class TownPool {
    private final List<String> order = new ArrayList<>();
    private int next;

    TownPool(DivisionRegistry registry) {
      List<List<List<String>>> byProvince = new ArrayList<>();
      for (String province : PROVINCES) {
        Map<String, List<String>> counties = new TreeMap<>();
        registry.townsIn(province).forEach(t -> counties.computeIfAbsent(t.county().code(), c -> new ArrayList<>())
            .add(t.town().code()));
        byProvince.add(new ArrayList<>(counties.values()));
      }
      // first round: up to TOWNS_PER_COUNTY towns of each county; later rounds: the rest
      for (int round = 0; ; round++) {
        int before = order.size();
        int from = round * TOWNS_PER_COUNTY;
        int maxCounties = byProvince.stream().mapToInt(List::size).max().orElse(0);
        for (int c = 0; c < maxCounties; c++) {
          for (List<List<String>> counties : byProvince) {
            if (c < counties.size()) {
              List<String> county = counties.get(c);
              order.addAll(county.subList(Math.min(from, county.size()), Math.min(from + TOWNS_PER_COUNTY, county.size())));
            }
          }
        }
        if (order.size() == before) {
          break;
        }
      }
    }

    String next() {
      if (next == order.size()) {
        throw new IllegalStateException("the drill needs more than the " + order.size() + " towns of provinces " + PROVINCES);
      }
      return order.get(next++);
    }
  }
}
