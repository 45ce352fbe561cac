package org.gongkai.streams.ledger;

import org.gongkai.streams.store.Entities;
import org.gongkai.events.AppealDecided;
import org.gongkai.events.AppealEvent;
import org.gongkai.events.AppealFiled;
import org.gongkai.state.CaseState;
import org.gongkai.streams.tally.Tallies;

/**
 * Table 四. A filing counts in the year filed, a decision in the year decided; a case is
 * pending in every year from its filing until the year before its decision (AppealTable).
 */
final class AppealRules implements Family<AppealEvent> {
  private final Entities<CaseState> cases;
  private final TallyBook tallies;

  AppealRules(Entities<CaseState> cases, TallyBook tallies) {
    this.cases = cases;
    this.tallies = tallies;
  }

  @Override
  public Class<AppealEvent> type() {
    return AppealEvent.class;
  }

  @Override
  public Verdict apply(AppealEvent event) {
    String key = event.getTown() + '|' + event.getCaseId();
    CaseState known = cases.current(key);
    if (event.getChange() instanceof AppealFiled filed) {
      return file(event, key, known, filed);
    }
    return decide(event, key, known, (AppealDecided) event.getChange());
  }

  private Verdict file(AppealEvent event, String key, CaseState known, AppealFiled filed) {
    if (known != null) {
      boolean same = known.getFiled().equals(event.getDate()) && known.getKind() == filed.getKind();
      return same ? Verdict.DUPLICATE : Verdict.reject(Reason.CONFLICT,
          "case " + event.getCaseId() + " was already filed on " + known.getFiled() + " as "
              + known.getKind() + "; this filing says " + event.getDate() + " as " + filed.getKind());
    }
    cases.changed(key, new CaseState(filed.getKind(), event.getDate(), null, null));
    tallies.count(event.getTown(), event.getDate(),
        tally -> Tallies.increment(tally.getAppealsFiled(), filed.getKind().ordinal()));
    return Verdict.ACCEPTED;
  }

  private Verdict decide(AppealEvent event, String key, CaseState known, AppealDecided decided) {
    if (known == null) {
      return Verdict.reject(Reason.UNKNOWN_CASE,
          "case " + event.getCaseId() + " is decided but was never filed");
    }
    if (known.getDecided() != null) {
      boolean same = known.getDecided().equals(event.getDate()) && known.getResult() == decided.getResult();
      return same ? Verdict.DUPLICATE : Verdict.reject(Reason.SECOND_DECISION,
          "case " + event.getCaseId() + " was already decided on " + known.getDecided() + " as "
              + known.getResult());
    }
    if (event.getDate().isBefore(known.getFiled())) {
      return Verdict.reject(Reason.DECIDED_BEFORE_FILED,
          "case " + event.getCaseId() + " is decided on " + event.getDate()
              + ", before it was filed on " + known.getFiled());
    }
    known.setDecided(event.getDate());
    known.setResult(decided.getResult());
    cases.changed(key, known);
    tallies.count(event.getTown(), event.getDate(), tally -> Tallies.increment(tally.getAppealsDecided(),
        Tallies.decidedIndex(known.getKind(), decided.getResult())));
    return Verdict.ACCEPTED;
  }
}
