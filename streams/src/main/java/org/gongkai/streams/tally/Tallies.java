package org.gongkai.streams.tally;

import java.util.List;
import org.gongkai.events.AppealKind;
import org.gongkai.events.AppealResult;
import org.gongkai.events.Applicant;
import org.gongkai.events.DecisionKind;
import org.gongkai.events.DocumentKind;
import org.gongkai.events.ItemKind;
import org.gongkai.events.Outcome;
import org.gongkai.state.YearTally;

/** Building, changing and adding {@link YearTally} values. */
public final class Tallies {
  public static final int APPLICANTS = Applicant.values().length;
  public static final int OUTCOMES = Outcome.values().length;
  public static final int APPEAL_KINDS = AppealKind.values().length;
  public static final int APPEAL_RESULTS = AppealResult.values().length;
  private static final int DOCUMENT_KINDS = DocumentKind.values().length;
  private static final int ITEM_KINDS = ItemKind.values().length;
  private static final int DECISION_KINDS = DecisionKind.values().length;

  private Tallies() {}

  public static YearTally empty() {
    // The constructor, not the builder: the builder copies each field's default, and a tally
    // is made for every value read from a store.
    return new YearTally(zeros(APPLICANTS), zeros(OUTCOMES * APPLICANTS), 0L, 0L,
        zeros(APPEAL_KINDS), zeros(APPEAL_KINDS * APPEAL_RESULTS),
        zeros(DOCUMENT_KINDS), zeros(DOCUMENT_KINDS), zeros(DOCUMENT_KINDS), zeros(DOCUMENT_KINDS),
        zeros(ITEM_KINDS), zeros(ITEM_KINDS), zeros(DECISION_KINDS),
        0L, 0L, 0L, 0L, 0L, 0L, 0L);
  }

  public static int concludedIndex(Outcome outcome, Applicant applicant) {
    return outcome.ordinal() * APPLICANTS + applicant.ordinal();
  }

  public static int decidedIndex(AppealKind kind, AppealResult result) {
    return kind.ordinal() * APPEAL_RESULTS + result.ordinal();
  }

  public static void increment(List<Long> cells, int index) {
    cells.set(index, cells.get(index) + 1);
  }

  private static List<Long> zeros(int size) {
    return new LongCells(size);
  }
}
