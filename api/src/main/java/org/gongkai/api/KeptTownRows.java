package org.gongkai.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gongkai.api.dashboard.TownList;
import org.gongkai.streams.store.QueriedVersion;

/**
 * A region's town rows of a year, as this instance's stores give them, kept and reused while
 * nothing changed: a kept list is valid while the write-back stores' queried version
 * ({@link QueriedVersion}: it grows at every commit that wrote values, and when a
 * store opens or closes) is the one read before the rows were built, and the towns this instance
 * answers for are the same. So a kept list is never staler than the stores: the commit that
 * changes any town's figures makes the next request build the rows again.
 */
final class KeptTownRows {
  /** Past this many (region, year) lists, all are dropped (a dashboard asks for a few). */
  private static final int MAX_LISTS = 256;

  private record Key(String region, int year) {}

  /** Past this many encoded answers of one list (different sorts, filters, pages), they are dropped. */
  private static final int MAX_ANSWERS = 64;

  private record Kept(long version, List<String> towns, List<TownRow> rows, Map<TownList.Query, TownList.Answer> answers) {}

  private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

  /**
   * The rows of these towns, kept or built now.
   *
   * @param towns the region's towns whose tallies are on this instance, in order
   * @param build builds the rows of those towns from the stores
   */
  List<TownRow> rows(String region, int year, List<String> towns, Supplier<List<TownRow>> build) {
    return kept(region, year, towns, build).rows();
  }

  /**
   * The list's answer to the query, kept or encoded now from the rows (kept or built now): for an
   * instance that holds every town, so that its rows are the whole list.
   */
  TownList.Answer answer(String region, int year, List<String> towns, Supplier<List<TownRow>> build,
      TownList.Query query, Function<List<TownRow>, TownList.Answer> encode) {
    Kept list = kept(region, year, towns, build);
    TownList.Answer answer = list.answers().get(query);
    if (answer == null) {
      answer = encode.apply(list.rows());
      if (list.answers().size() >= MAX_ANSWERS) {
        list.answers().clear();
      }
      list.answers().put(query, answer);
    }
    return answer;
  }

  private Kept kept(String region, int year, List<String> towns, Supplier<List<TownRow>> build) {
    Key key = new Key(region, year);
    // read before the rows are built: a commit while they are built makes them out of date at once
    long version = QueriedVersion.current();
    Kept known = kept.get(key);
    if (known != null && known.version() == version && known.towns().equals(towns)) {
      return known;
    }
    Kept built = new Kept(version, towns, build.get(), new ConcurrentHashMap<>());
    if (kept.size() >= MAX_LISTS) {
      kept.clear();
    }
    kept.put(key, built);
    return built;
  }
}
