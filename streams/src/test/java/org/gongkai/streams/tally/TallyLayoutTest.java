package org.gongkai.streams.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.gongkai.events.Applicant;
import org.gongkai.events.Outcome;
import org.gongkai.state.YearTally;
import org.junit.jupiter.api.Test;

/**
 * The stored layout of tallies is a contract: the changelogs of every deployment hold values in
 * it. These bytes were written by format version 1 and must read the same forever; a change to
 * the tally's shape that would renumber its cells fails {@link TallyLayout} at start instead.
 */
class TallyLayoutTest {
  /**
   * Version 1, four cells: received.natural_person 1, concluded.partially_granted.other_org 2
   * (cell 6 + 1 * 6 + 5 = 17), procurementFen 14563810 fen, townsStarting 1 (the last cell, 174).
   */
  private static final String GOLDEN = "01" + "04" + "01" + "02" + "11" + "04" + "74" + "c4e7f10d" + "29" + "02";

  private static YearTally goldenTally() {
    YearTally tally = Tallies.empty();
    Tallies.increment(tally.getReceived(), Applicant.natural_person.ordinal());
    tally.getConcluded().set(Tallies.concludedIndex(Outcome.partially_granted, Applicant.other_org), 2L);
    tally.setProcurementFen(14_563_810L);
    tally.setTownsStarting(1);
    return tally;
  }

  @Test
  void shouldWriteTheGoldenBytesOfVersion1() {
    assertEquals(GOLDEN, HexFormat.of().formatHex(YearTallySerde.encode(goldenTally())));
  }

  @Test
  void shouldReadTheGoldenBytesOfVersion1() {
    assertEquals(goldenTally(), YearTallySerde.decode(HexFormat.of().parseHex(GOLDEN)));
  }

  @Test
  void shouldPinTheCellsOfVersion1ByName() {
    List<String> cells = TallyLayout.cells(1);
    assertEquals(175, cells.size());
    assertEquals("received.natural_person", cells.get(0));
    assertEquals("concluded.partially_granted.other_org", cells.get(17));
    assertEquals("procurementFen", cells.get(133));
    assertEquals("townsStarting", cells.get(174));
    assertEquals(TallyCells.names(), TallyLayout.cells(TallyLayout.CURRENT), "the cells of today are the current layout's");
  }

  @Test
  void shouldMoveEveryCellOfAnOlderLayoutToTheCellOfItsName() {
    List<String> older = List.of("received.natural_person", "received.other_org", "feesFen");
    List<String> newer = List.of("received.natural_person", "received.new_kind", "received.other_org", "feesFen");

    assertEquals(List.of(0, 2, 3), java.util.Arrays.stream(TallyLayout.moves(older, newer)).boxed().toList());
    assertEquals(List.of(0, -1, 1, 2), java.util.Arrays.stream(TallyLayout.moves(newer, older)).boxed().toList(),
        "a cell that is gone has nowhere to go: reading it is refused");
  }
}
