package org.gongkai.streams.tally;

import java.util.Arrays;

/**
 * Some cells of a tally (see {@link TallyCells}) with their values, in increasing cell order;
 * the cells left out are zero.
 */
public final class SparseCells {
  private final int[] cells;
  private final long[] values;
  private final int size;

  private SparseCells(int[] cells, long[] values, int size) {
    this.cells = cells;
    this.values = values;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public int cell(int i) {
    return cells[i];
  }

  public long value(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SparseCells that
        && Arrays.equals(cells, 0, size, that.cells, 0, that.size)
        && Arrays.equals(values, 0, size, that.values, 0, that.size);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(Arrays.copyOf(cells, size)) + Arrays.hashCode(Arrays.copyOf(values, size));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ", ").append(cells[i]).append('=').append(values[i]);
    }
    return text.append('}').toString();
  }

  /** Collects cells in increasing order. */
  public static final class Builder {
    private int[] cells;
    private long[] values;
    private int size;

    public Builder() {
      this(8);
    }

    /** @param expected how many cells will be added (more still fit) */
    public Builder(int expected) {
      cells = new int[Math.max(expected, 1)];
      values = new long[cells.length];
    }

    /**
     * @throws IllegalArgumentException if the cell is not after the last one added, or not a
     *     cell of a tally
     */
    public Builder add(int cell, long value) {
      if (cell < 0 || cell >= TallyCells.COUNT || (size > 0 && cell <= cells[size - 1])) {
        throw new IllegalArgumentException("cell " + cell + " is not a tally cell after "
            + (size == 0 ? "none" : cells[size - 1]) + " (a tally has " + TallyCells.COUNT + " cells)");
      }
      if (size == cells.length) {
        cells = Arrays.copyOf(cells, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      cells[size] = cell;
      values[size] = value;
      size++;
      return this;
    }

    /** The cells added; the builder is not to be used afterwards. */
    public SparseCells build() {
      return new SparseCells(cells, values, size);
    }
  }
}
