package org.gongkai.api.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.gongkai.streams.ledger.EventChecks;
import org.gongkai.streams.registry.DivisionRegistry;

/**
 * A synthetic history of one province, so that a fresh {@code run} has something to show: every
 * town of 江西省 (36) from 2019 to today, each ended year closed, the current one open with the
 * figures of the year so far. The reference town 南港镇 (360923105) is left out: its years hold the
 * real reference report. Each town's events are a {@link DemoTown} from a {@link Random} seeded by
 * the fixed seed and the town code, so the history is the same on every machine for the same day,
 * and a town's events do not depend on the others. Every eventId starts with {@code demo-}: the
 * figures are made up, and {@code GET /api/v1/about} says so.
 */
public final class DemoHistory {
  public static final String PROVINCE = "36";
  public static final String REFERENCE_TOWN = "360923105";
  public static final int FIRST_YEAR = EventChecks.FIRST_REPORT_YEAR;
  public static final long SEED = 0x60A6CA12019L;
  public static final String EVENT_ID_PREFIX = "demo-";

  /** What {@code /api/v1/about} says of the demo: its province, the years closed, how many towns. */
  public record Summary(String province, String name, @JsonProperty("first_year") int firstYear,
      @JsonProperty("last_year") int lastYear, int towns) {}

  private final String provinceName;
  private final List<String> towns;
  private final LocalDate today;
  private final long seed;

  private DemoHistory(String provinceName, List<String> towns, LocalDate today, long seed) {
    this.provinceName = provinceName;
    this.towns = towns;
    this.today = today;
    this.seed = seed;
  }

  /** The history up to today (China time), from the fixed seed. */
  public static DemoHistory of(DivisionRegistry registry) {
    return of(registry, LocalDate.now(EventChecks.CHINA), SEED);
  }

  /** @param today the last day any event may be dated; the years before its year are closed */
  public static DemoHistory of(DivisionRegistry registry, LocalDate today, long seed) {
    String name = registry.region(PROVINCE).orElseThrow(() ->
        new IllegalStateException("province " + PROVINCE + " is not in the division registry")).name();
    List<String> towns = registry.townsIn(PROVINCE).map(t -> t.town().code())
        .filter(code -> !code.equals(REFERENCE_TOWN)).toList();
    return new DemoHistory(name, towns, today, seed);
  }

  /** The towns, in code order. */
  public List<String> towns() {
    return towns;
  }

  /** The last year closed: the one before today's. */
  public int lastClosedYear() {
    return today.getYear() - 1;
  }

  public Summary summary() {
    return new Summary(PROVINCE, provinceName, FIRST_YEAR, lastClosedYear(), towns.size());
  }

  /** A town's events, as the family records of the schema, in the order it publishes them. */
  public List<SpecificRecord> eventsOf(String town) {
    return life(town).events();
  }

  /** The profile the town was drawn with (ordinary, jump, busy, …), for tests and the log. */
  DemoTown.Profile profileOf(String town) {
    return life(town).profile;
  }

  private DemoTown life(String town) {
    return new DemoTown(town, new Random(seed ^ Long.parseLong(town) * 0x9E3779B97F4A7C15L), FIRST_YEAR, today);
  }
}
