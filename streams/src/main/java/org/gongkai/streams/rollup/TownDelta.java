package org.gongkai.streams.rollup;

import java.util.Objects;
import org.gongkai.streams.tally.SparseCells;

/**
 * A change to one town's tally of one year, on its way to the county, city and province above
 * the town: the cells that changed and by how much (changes are additive). Keyed by the town's
 * province, so that all three regions are summed in the same task.
 */
public record TownDelta(String town, int year, SparseCells cells) {
  public TownDelta {
    Objects.requireNonNull(town, "town");
    Objects.requireNonNull(cells, "cells");
  }
}
