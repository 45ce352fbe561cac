package org.gongkai.streams.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gongkai.state.YearTally;
import org.junit.jupiter.api.Test;

class TallyCellsTest {

  @Test
  void shouldNumberArrayElementsAndScalarsInFieldOrder() {
    YearTally tally = Tallies.empty();
    int received = tally.getReceived().size();
    int concluded = tally.getConcluded().size();
    tally.getReceived().set(1, 7L);
    tally.getConcluded().set(0, 8L);
    tally.setProcurementProjects(9);

    assertEquals(7, TallyCells.get(tally, 1));
    assertEquals(8, TallyCells.get(tally, received));
    assertEquals(9, TallyCells.get(tally, received + concluded));
  }

  @Test
  void shouldCountEveryFigureOfATallyOnce() {
    YearTally tally = Tallies.empty();
    int arrays = tally.getReceived().size() + tally.getConcluded().size() + tally.getAppealsFiled().size()
        + tally.getAppealsDecided().size() + tally.getDocumentsIssued().size() + tally.getDocumentsPublished().size()
        + tally.getRepealedIssued().size() + tally.getRepealedPublished().size() + tally.getItemsAdded().size()
        + tally.getItemsRemoved().size() + tally.getDecisions().size();
    int scalars = 9;

    assertEquals(arrays + scalars, TallyCells.COUNT);
  }

  @Test
  void shouldVisitOnlyTheCellsThatAreNotZeroInCellOrder() {
    YearTally tally = Tallies.empty();
    tally.getReceived().set(2, 3L);
    tally.setTownsStarting(-1);

    java.util.List<String> visited = new java.util.ArrayList<>();
    TallyCells.forEachNonZero(tally, (cell, value) -> visited.add(cell + "=" + value));
    assertEquals(java.util.List.of("2=3", (TallyCells.COUNT - 1) + "=-1"), visited);
  }

  @Test
  void shouldAddEachChangedCellWhenAddingAChange() {
    YearTally tally = Tallies.empty();
    tally.setAccepted(5);
    YearTally change = Tallies.empty();
    change.setAccepted(2);
    change.getDecisions().set(0, 1L);

    TallyCells.add(tally, change);

    assertEquals(7, tally.getAccepted());
    assertEquals(1, tally.getDecisions().get(0));
  }
}
