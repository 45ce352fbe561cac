package org.gongkai.streams.tally;

import java.util.ArrayList;
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

  private Tallies() {}

  public static YearTally empty() {
    return YearTally.newBuilder()
        .setReceived(zeros(APPLICANTS))
        .setConcluded(zeros(OUTCOMES * APPLICANTS))
        .setAppealsFiled(zeros(APPEAL_KINDS))
        .setAppealsDecided(zeros(APPEAL_KINDS * APPEAL_RESULTS))
        .setDocumentsIssued(zeros(DocumentKind.values().length))
        .setDocumentsPublished(zeros(DocumentKind.values().length))
        .setRepealedIssued(zeros(DocumentKind.values().length))
        .setRepealedPublished(zeros(DocumentKind.values().length))
        .setItemsAdded(zeros(ItemKind.values().length))
        .setItemsRemoved(zeros(ItemKind.values().length))
        .setDecisions(zeros(DecisionKind.values().length))
        .build();
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

  /** Adds {@code other} into {@code into} cell by cell; used by rollups. */
  public static YearTally add(YearTally into, YearTally other) {
    addAll(into.getReceived(), other.getReceived());
    addAll(into.getConcluded(), other.getConcluded());
    into.setProcurementProjects(into.getProcurementProjects() + other.getProcurementProjects());
    into.setProcurementFen(into.getProcurementFen() + other.getProcurementFen());
    addAll(into.getAppealsFiled(), other.getAppealsFiled());
    addAll(into.getAppealsDecided(), other.getAppealsDecided());
    addAll(into.getDocumentsIssued(), other.getDocumentsIssued());
    addAll(into.getDocumentsPublished(), other.getDocumentsPublished());
    addAll(into.getRepealedIssued(), other.getRepealedIssued());
    addAll(into.getRepealedPublished(), other.getRepealedPublished());
    addAll(into.getItemsAdded(), other.getItemsAdded());
    addAll(into.getItemsRemoved(), other.getItemsRemoved());
    addAll(into.getDecisions(), other.getDecisions());
    into.setFeesFen(into.getFeesFen() + other.getFeesFen());
    into.setAccepted(into.getAccepted() + other.getAccepted());
    into.setDuplicates(into.getDuplicates() + other.getDuplicates());
    into.setRejected(into.getRejected() + other.getRejected());
    into.setLate(into.getLate() + other.getLate());
    into.setFinalTowns(into.getFinalTowns() + other.getFinalTowns());
    into.setTownsStarting(into.getTownsStarting() + other.getTownsStarting());
    return into;
  }

  private static void addAll(List<Long> into, List<Long> other) {
    for (int i = 0; i < into.size(); i++) {
      into.set(i, into.get(i) + other.get(i));
    }
  }

  private static List<Long> zeros(int size) {
    List<Long> cells = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      cells.add(0L);
    }
    return cells;
  }
}
