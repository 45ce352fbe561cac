package org.gongkai.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.gongkai.streams.registry.DivisionRegistry;

/** The towns of the division registry, all of them or an even sample across the country. */
final class Towns {
  /** 南港镇, the reference town of the seeds; always in the set. */
  static final String REFERENCE = "360923105";

  private Towns() {}

  /** Every town code of the registry, in code order. */
  static List<String> all(DivisionRegistry registry) {
    List<String> codes = IntStream.range(10, 100).mapToObj(Integer::toString)
        .flatMap(registry::townsIn)
        .map(t -> t.town().code())
        .toList();
    if (codes.size() != registry.townCount()) {
      throw new IllegalStateException("found " + codes.size() + " towns under the provinces, the registry has "
          + registry.townCount());
    }
    return codes;
  }

  /**
   * {@code n} towns spread evenly over the code order (so every province is represented in
   * proportion), always including the reference town.
   */
  static List<String> sample(List<String> all, int n) {
    if (n <= 0 || n >= all.size()) {
      return all;
    }
    List<String> picked = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      picked.add(all.get((int) ((long) i * all.size() / n)));
    }
    if (!picked.contains(REFERENCE)) {
      int at = (int) ((long) all.indexOf(REFERENCE) * n / all.size());
      picked.set(at, REFERENCE);
      picked.sort(null);
    }
    return picked;
  }
}
