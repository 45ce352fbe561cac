package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.gongkai.state.YearTally;
import org.gongkai.streams.tally.Tallies;
import org.junit.jupiter.api.Test;

/** What {@link ReportAnswers} relies on to know that a kept answer is still right. */
class ReportAnswersTest {

  @Test
  void shouldSeeTalliesDifferWhenAnyOfTheirFieldsDiffers() {
    for (Schema.Field field : YearTally.getClassSchema().getFields()) {
      YearTally changed = Tallies.empty();
      changed.put(field.pos(), changedValue(changed.get(field.pos())));
      assertNotEquals(Tallies.empty(), changed, "a change of " + field.name() + " must be seen");
    }
    assertEquals(Tallies.empty(), Tallies.empty());
  }

  /** One more than the value, or a list with its first cell one more. */
  private static Object changedValue(Object value) {
    if (value instanceof Long number) {
      return number + 1;
    }
    List<Long> cells = new ArrayList<>();
    for (Object cell : (List<?>) value) {
      cells.add((Long) cell);
    }
    cells.set(0, cells.get(0) + 1);
    return cells;
  }
}
