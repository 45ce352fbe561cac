package org.gongkai.streams.tally;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored layout of a tally, pinned per format version: version N's cells are the names in
 * {@code /tally/layout-vN.txt}, in cell order. Cell numbers are derived from the tally's schema
 * and enums ({@link TallyCells#names()}); this class fails at start when they no longer match
 * the current version's file, so that adding an applicant or an outcome cannot silently
 * renumber stored cells. Such a change takes a new version: add {@code layout-v(N+1).txt}
 * (the new names) and raise {@link #CURRENT}; values of older versions are still read, their
 * cells moved to the cells of the same name ({@link #fromVersion}).
 */
public final class TallyLayout {
  /** The format version written now; every version from 1 to it is read. */
  public static final byte CURRENT = 1;

  /** Per older version, where each of its cells is now (index: old cell). */
  private static final Map<Integer, int[]> MOVES = new HashMap<>();

  static {
    List<String> now = TallyCells.names();
    if (!now.equals(cells(CURRENT))) {
      throw new IllegalStateException("the tally's cells (YearTally and its enums) no longer match "
          + "/tally/layout-v" + CURRENT + ".txt: stored tallies would be misread. Add /tally/layout-v" + (CURRENT + 1)
          + ".txt with the new cell names (TallyCells.names()) and raise TallyLayout.CURRENT");
    }
    for (int version = 1; version < CURRENT; version++) {
      MOVES.put(version, moves(cells(version), now));
    }
  }

  private TallyLayout() {}

  /** For each cell of layout {@code from}, the cell of the same name in {@code to}, or -1. */
  static int[] moves(List<String> from, List<String> to) {
    Map<String, Integer> at = new HashMap<>();
    for (int cell = 0; cell < to.size(); cell++) {
      at.put(to.get(cell), cell);
    }
    return from.stream().mapToInt(name -> at.getOrDefault(name, -1)).toArray();
  }

  /** The cell names of a format version, in cell order. */
  public static List<String> cells(int version) {
    String resource = "/tally/layout-v" + version + ".txt";
    try (InputStream in = TallyLayout.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no tally layout of version " + version + " (" + resource + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether values of this version can be read. */
  public static boolean readable(int version) {
    return version >= 1 && version <= CURRENT;
  }

  /**
   * The current cell of a cell of a value of an older version.
   *
   * @throws IllegalArgumentException when the cell is beyond that version's layout, or has no
   *     cell of its name now (a cell was dropped: such a change needs a conversion of its own)
   */
  public static int fromVersion(int version, int cell) {
    if (version == CURRENT) {
      return cell;
    }
    int[] moves = MOVES.get(version);
    if (cell >= moves.length) {
      throw new IllegalArgumentException("cell " + cell + " is not a cell of tally layout version " + version);
    }
    if (moves[cell] < 0) {
      throw new IllegalArgumentException("cell " + cell + " of tally layout version " + version + " ("
          + cells(version).get(cell) + ") has no cell in version " + CURRENT);
    }
    return moves[cell];
  }
}
