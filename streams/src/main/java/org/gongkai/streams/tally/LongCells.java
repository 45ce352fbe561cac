package org.gongkai.streams.tally;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The cells of one array of a {@link org.gongkai.state.YearTally} as plain longs: a fixed-size
 * list (set, never add or remove), so that a tally read from a store takes one small array per
 * field instead of an array of boxed values, and the packed serde reads and writes it without
 * boxing.
 */
public final class LongCells extends AbstractList<Long> implements RandomAccess {
  private final long[] cells;

  public LongCells(int size) {
    this.cells = new long[size];
  }

  @Override
  public int size() {
    return cells.length;
  }

  @Override
  public Long get(int index) {
    return cells[index];
  }

  @Override
  public Long set(int index, Long value) {
    long old = cells[index];
    cells[index] = value;
    return old;
  }

  public long getLong(int index) {
    return cells[index];
  }

  public void setLong(int index, long value) {
    cells[index] = value;
  }

  /**
   * Gives the visitor each cell that is not zero, numbered from {@code first}.
   *
   * @return the number after this array's last cell
   */
  int forEachNonZero(int first, TallyCells.Visitor visitor) {
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] != 0) {
        visitor.cell(first + i, cells[i]);
      }
    }
    return first + cells.length;
  }

  @Override
  public String toString() {
    return Arrays.toString(cells);
  }
}
