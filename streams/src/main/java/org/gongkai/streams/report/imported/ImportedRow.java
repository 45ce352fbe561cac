package org.gongkai.streams.report.imported;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of table 三 as published.
 *
 * @param key the row key (domain.md §3)
 * @param line the 1-based line where the row starts in the text; 0 if the row was not found
 * @param published the row's value cells as printed, in order (a cell printed empty is "");
 *     a complete row has one per column
 * @param cells column key → value for all seven columns in template order; null where the
 *     cell could not be read
 * @param positional the columns read only by position in a row with fewer cells than columns
 *     (the last cell as 总计), see {@link ReportImporter.ShortRows}
 */
public record ImportedRow(
    String key, int line, List<String> published, Map<String, Long> cells, Set<String> positional) {

  public ImportedRow {
    published = List.copyOf(published);
    cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    positional = Collections.unmodifiableSet(new LinkedHashSet<>(positional));
  }

  public boolean found() {
    return line > 0;
  }

  /** Whether the row was printed with a number in every column. */
  public boolean complete() {
    return published.size() == cells.size() && positional.isEmpty() && !cells.containsValue(null);
  }

  public Long cell(String column) {
    if (!cells.containsKey(column)) {
      throw new IllegalArgumentException("table 三 has no column '" + column + "'");
    }
    return cells.get(column);
  }

  /** The columns whose cells were read (including {@link #positional} ones), in template order. */
  public List<String> readColumns() {
    return cells.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
  }

  /** The columns whose cells were not read, in template order. */
  public List<String> missingColumns() {
    return cells.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
  }

  /** The published cells as numbers, in order; null for a cell printed empty or not a number. */
  public List<Long> numbers() {
    List<Long> numbers = new ArrayList<>();
    for (String cell : published) {
      numbers.add(ReportImporter.count(cell));
    }
    return numbers;
  }

  /**
   * Every way to lay the published cells, in order, onto the template's columns (one column per
   * cell, order kept) such that each published number equals {@code row}'s value in its column;
   * a cell printed empty (or not as a number) fits any value. Each placement is the list of column keys of the
   * published cells. Empty if the published numbers cannot come from {@code row}.
   *
   * <p>For a row published with 5 of 7 cells this is what "consistent with the published
   * numbers" means: some choice of the two lost columns makes the print agree with {@code row}.
   */
  public List<List<String>> placementsMatching(Map<String, Long> row) {
    List<String> columns = List.copyOf(cells.keySet());
    List<Long> numbers = numbers();
    List<List<String>> found = new ArrayList<>();
    place(columns, numbers, row, 0, 0, new ArrayList<>(), found);
    return found;
  }

  private void place(List<String> columns, List<Long> numbers, Map<String, Long> row, int cell, int from,
      List<String> chosen, List<List<String>> found) {
    if (cell == numbers.size()) {
      found.add(List.copyOf(chosen));
      return;
    }
    for (int c = from; c <= columns.size() - (numbers.size() - cell); c++) {
      Long published = numbers.get(cell);
      if (published == null || published.equals(row.get(columns.get(c)))) {
        chosen.add(columns.get(c));
        place(columns, numbers, row, cell + 1, c + 1, chosen, found);
        chosen.remove(chosen.size() - 1);
      }
    }
  }
}
