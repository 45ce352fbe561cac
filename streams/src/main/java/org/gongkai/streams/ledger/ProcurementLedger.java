package org.gongkai.streams.ledger;

import java.time.LocalDate;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.gongkai.events.ProcurementEvent;
import org.gongkai.schemas.Topics;
import org.gongkai.streams.StoreNames;

/** Table 二, 政府集中采购: projects awarded in the year, their count and summed amount. */
public final class ProcurementLedger extends Ledger<ProcurementEvent> {
  private Facts facts;

  public ProcurementLedger(EventChecks checks, org.gongkai.streams.Progress progress) {
    super(Topics.PROCUREMENT.serde(), checks, progress);
  }

  @Override
  protected void openStores(ProcessorContext<String, Object> context) {
    facts = new Facts(context.getStateStore(StoreNames.FACTS));
  }

  @Override
  protected String town(ProcurementEvent event) {
    return event.getTown();
  }

  @Override
  protected LocalDate date(ProcurementEvent event) {
    return event.getDate();
  }

  @Override
  protected Verdict apply(ProcurementEvent event) {
    EventChecks.Money money = EventChecks.money(event.getAmountYuan());
    if (!money.valid()) {
      return Verdict.reject(Reason.BAD_AMOUNT, "project " + event.getProjectId() + ": " + money.error());
    }
    String content = event.getDate() + " " + money.fen() + " fen";
    Verdict verdict = facts.record(event.getTown(), "project", event.getProjectId(), content);
    if (verdict instanceof Verdict.Accepted) {
      change(event.getTown(), event.getDate(), tally -> {
        tally.setProcurementProjects(tally.getProcurementProjects() + 1);
        tally.setProcurementFen(tally.getProcurementFen() + money.fen());
      });
    }
    return verdict;
  }
}
