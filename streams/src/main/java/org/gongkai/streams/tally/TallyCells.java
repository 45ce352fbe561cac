package org.gongkai.streams.tally;

import java.util.List;
import org.apache.avro.Schema;
import org.gongkai.state.YearTally;

/**
 * One flat numbering of every figure of a {@link YearTally}: the fields in schema order, each
 * array element a cell of its own (so {@code received} is cells 0–5, {@code concluded} the next
 * ones, and so on, the scalars one cell each). It lets a change or a stored tally be written as
 * the few cells that are not zero.
 */
public final class TallyCells {
  /** The field of each cell (schema position). */
  private static final int[] FIELD;
  /** The element of each cell in its field's array, or -1 for a scalar field. */
  private static final int[] ELEMENT;
  /** The number of fields of a tally. */
  private static final int FIELDS;
  /** How many cells a tally has. */
  public static final int COUNT;

  /**
   * What each array field's elements stand for, outermost first: {@code concluded} is by outcome,
   * then applicant (index outcome * 6 + applicant), as {@link Tallies} indexes them.
   */
  private static final java.util.Map<String, List<Class<? extends Enum<?>>>> ELEMENTS = java.util.Map.ofEntries(
      java.util.Map.entry("received", List.of(org.gongkai.events.Applicant.class)),
      java.util.Map.entry("concluded", List.of(org.gongkai.events.Outcome.class, org.gongkai.events.Applicant.class)),
      java.util.Map.entry("appealsFiled", List.of(org.gongkai.events.AppealKind.class)),
      java.util.Map.entry("appealsDecided", List.of(org.gongkai.events.AppealKind.class, org.gongkai.events.AppealResult.class)),
      java.util.Map.entry("documentsIssued", List.of(org.gongkai.events.DocumentKind.class)),
      java.util.Map.entry("documentsPublished", List.of(org.gongkai.events.DocumentKind.class)),
      java.util.Map.entry("repealedIssued", List.of(org.gongkai.events.DocumentKind.class)),
      java.util.Map.entry("repealedPublished", List.of(org.gongkai.events.DocumentKind.class)),
      java.util.Map.entry("itemsAdded", List.of(org.gongkai.events.ItemKind.class)),
      java.util.Map.entry("itemsRemoved", List.of(org.gongkai.events.ItemKind.class)),
      java.util.Map.entry("decisions", List.of(org.gongkai.events.DecisionKind.class)));

  /** Receives cells one at a time, in increasing cell order. */
  @FunctionalInterface
  public interface Visitor {
    void cell(int cell, long value);
  }

  static {
    YearTally shape = Tallies.empty();
    List<Schema.Field> fields = YearTally.getClassSchema().getFields();
    int count = 0;
    for (Schema.Field field : fields) {
      count += shape.get(field.pos()) instanceof List<?> cells ? cells.size() : 1;
    }
    FIELD = new int[count];
    ELEMENT = new int[count];
    int cell = 0;
    for (Schema.Field field : fields) {
      if (shape.get(field.pos()) instanceof List<?> cells) {
        for (int i = 0; i < cells.size(); i++, cell++) {
          FIELD[cell] = field.pos();
          ELEMENT[cell] = i;
        }
      } else {
        FIELD[cell] = field.pos();
        ELEMENT[cell] = -1;
        cell++;
      }
    }
    FIELDS = fields.size();
    COUNT = count;
  }

  private TallyCells() {}

  /**
   * The name of every cell, in cell order: the field, then the enum symbols of its element
   * ({@code received.natural_person}, {@code concluded.granted.natural_person}, {@code feesFen}).
   * The stored format pins these names per version ({@link TallyLayout}).
   */
  public static List<String> names() {
    List<String> names = new java.util.ArrayList<>(COUNT);
    YearTally shape = Tallies.empty();
    for (Schema.Field field : YearTally.getClassSchema().getFields()) {
      if (shape.get(field.pos()) instanceof List<?> cells) {
        List<String> labels = List.of(field.name());
        for (Class<? extends Enum<?>> dimension : ELEMENTS.get(field.name())) {
          List<String> longer = new java.util.ArrayList<>();
          for (String label : labels) {
            for (Enum<?> symbol : dimension.getEnumConstants()) {
              longer.add(label + "." + symbol.name());
            }
          }
          labels = longer;
        }
        if (labels.size() != cells.size()) {
          throw new IllegalStateException("tally field " + field.name() + " has " + cells.size() + " cells but its "
              + "elements " + ELEMENTS.get(field.name()) + " name " + labels.size());
        }
        names.addAll(labels);
      } else {
        names.add(field.name());
      }
    }
    return names;
  }

  public static long get(YearTally tally, int cell) {
    Object value = tally.get(FIELD[cell]);
    return ELEMENT[cell] < 0 ? (Long) value : element(cells(value), ELEMENT[cell]);
  }

  public static void set(YearTally tally, int cell, long value) {
    if (ELEMENT[cell] < 0) {
      tally.put(FIELD[cell], value);
    } else if (tally.get(FIELD[cell]) instanceof LongCells longs) {
      longs.setLong(ELEMENT[cell], value);
    } else {
      cells(tally.get(FIELD[cell])).set(ELEMENT[cell], value);
    }
  }

  public static void add(YearTally tally, int cell, long amount) {
    set(tally, cell, get(tally, cell) + amount);
  }

  /** Adds the tally into the sum kept under the key, which starts as an empty tally. */
  public static <K> void addInto(java.util.Map<K, YearTally> sums, K key, YearTally tally) {
    add(sums.computeIfAbsent(key, k -> Tallies.empty()), tally);
  }

  /** Adds every cell of {@code change} into {@code into}. */
  public static void add(YearTally into, YearTally change) {
    forEachNonZero(change, (cell, value) -> add(into, cell, value));
  }

  /** Gives the visitor every cell of the tally that is not zero, in cell order. */
  public static void forEachNonZero(YearTally tally, Visitor visitor) {
    int cell = 0;
    for (int field = 0; field < FIELDS; field++) {
      Object value = tally.get(field);
      if (value instanceof LongCells longs) { // every tally the serde reads or Tallies makes
        cell = longs.forEachNonZero(cell, visitor);
      } else if (value instanceof List<?>) {
        List<Long> elements = cells(value);
        int size = elements.size();
        for (int i = 0; i < size; i++, cell++) {
          long element = element(elements, i);
          if (element != 0) {
            visitor.cell(cell, element);
          }
        }
      } else {
        long scalar = (Long) value;
        if (scalar != 0) {
          visitor.cell(cell, scalar);
        }
        cell++;
      }
    }
  }

  private static long element(List<Long> cells, int index) {
    return cells instanceof LongCells longs ? longs.getLong(index) : cells.get(index);
  }

  @SuppressWarnings("unchecked")
  private static List<Long> cells(Object array) {
    return (List<Long>) array;
  }
}
