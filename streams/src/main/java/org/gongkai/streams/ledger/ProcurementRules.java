package org.gongkai.streams.ledger;

import static org.gongkai.schemas.Quotes.quote;

import org.gongkai.events.ProcurementEvent;
import org.gongkai.schemas.Yuan;

/** Table 二, 政府集中采购: projects awarded in the year, their count and summed amount. */
final class ProcurementRules implements Family<ProcurementEvent> {
  private final Facts facts;
  private final TallyBook tallies;

  ProcurementRules(Facts facts, TallyBook tallies) {
    this.facts = facts;
    this.tallies = tallies;
  }

  @Override
  public Class<ProcurementEvent> type() {
    return ProcurementEvent.class;
  }

  @Override
  public Verdict apply(ProcurementEvent event) {
    Yuan amount = Yuan.read(event.getAmountYuan());
    if (amount == null) {
      return Verdict.reject(Reason.BAD_AMOUNT, "project " + event.getProjectId() + ": amountYuan "
          + quote(event.getAmountYuan()) + " " + Yuan.problem(event.getAmountYuan()));
    }
    String content = event.getDate() + " " + amount.fen() + " fen";
    Verdict verdict = facts.record(event.getTown(), "project", event.getProjectId(), content);
    if (verdict instanceof Verdict.Accepted) {
      tallies.count(event.getTown(), event.getDate(), tally -> {
        tally.setProcurementProjects(tally.getProcurementProjects() + 1);
        tally.setProcurementFen(tally.getProcurementFen() + amount.fen());
      });
    }
    return verdict;
  }
}
