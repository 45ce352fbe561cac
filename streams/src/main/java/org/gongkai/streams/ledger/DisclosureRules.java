package org.gongkai.streams.ledger;

import static org.gongkai.schemas.Quotes.quote;

import java.time.LocalDate;
import org.gongkai.streams.store.Entities;
import org.gongkai.events.DecisionMade;
import org.gongkai.events.DisclosureEvent;
import org.gongkai.events.DocumentChange;
import org.gongkai.events.FeeCollected;
import org.gongkai.events.ItemChange;
import org.gongkai.schemas.Yuan;
import org.gongkai.state.DocumentState;
import org.gongkai.state.ItemState;
import org.gongkai.streams.tally.Tallies;

/** Table 二 other than procurement: documents, catalogue items, decisions and fees. */
final class DisclosureRules implements Family<DisclosureEvent> {
  private final Entities<DocumentState> documents;
  private final Entities<ItemState> items;
  private final Facts facts;
  private final TallyBook tallies;

  DisclosureRules(Entities<DocumentState> documents, Entities<ItemState> items,
      Facts facts, TallyBook tallies) {
    this.documents = documents;
    this.items = items;
    this.facts = facts;
    this.tallies = tallies;
  }

  @Override
  public Class<DisclosureEvent> type() {
    return DisclosureEvent.class;
  }

  @Override
  public Verdict apply(DisclosureEvent event) {
    Object fact = event.getFact();
    if (fact instanceof DocumentChange document) {
      return new DocumentRules(event, document).apply();
    } else if (fact instanceof ItemChange item) {
      return item(event, item);
    } else if (fact instanceof DecisionMade decision) {
      return decision(event, decision);
    }
    return fee(event, (FeeCollected) fact);
  }

  /** A document's life: issued and published (either first), then at most one repeal. */
  private final class DocumentRules {
    private final DisclosureEvent event;
    private final DocumentChange change;
    private final String key;
    private final LocalDate date;

    DocumentRules(DisclosureEvent event, DocumentChange change) {
      this.event = event;
      this.change = change;
      this.key = event.getTown() + '|' + change.getDocumentId();
      this.date = event.getDate();
    }

    Verdict apply() {
      DocumentState known = documents.current(key);
      if (known != null && known.getKind() != change.getKind()) {
        return Verdict.reject(Reason.CONFLICT, "document " + change.getDocumentId() + " is a "
            + known.getKind() + ", this event says " + change.getKind());
      }
      return switch (change.getAction()) {
        case issued -> issueOrPublish(known, true);
        case published -> issueOrPublish(known, false);
        case repealed -> repeal(known);
      };
    }

    private Verdict issueOrPublish(DocumentState known, boolean issue) {
      DocumentState state = known != null ? known : new DocumentState(change.getKind(), null, null, null);
      LocalDate already = issue ? state.getIssued() : state.getPublished();
      String what = issue ? "issued" : "published";
      if (already != null) {
        return already.equals(date) ? Verdict.DUPLICATE : Verdict.reject(Reason.CONFLICT,
            "document " + change.getDocumentId() + " was already " + what + " on " + already);
      }
      if (state.getRepealed() != null) {
        return Verdict.reject(Reason.DOCUMENT_ORDER, "document " + change.getDocumentId()
            + " cannot be " + what + ": its repeal (dated " + state.getRepealed()
            + ") was already recorded, and a repealed document stays repealed");
      }
      if (issue) {
        state.setIssued(date);
      } else {
        state.setPublished(date);
      }
      documents.changed(key, state);
      int kind = change.getKind().ordinal();
      tallies.count(event.getTown(), date, tally -> Tallies.increment(
          issue ? tally.getDocumentsIssued() : tally.getDocumentsPublished(), kind));
      return Verdict.ACCEPTED;
    }

    private Verdict repeal(DocumentState known) {
      if (known == null) {
        return Verdict.reject(Reason.UNKNOWN_DOCUMENT,
            "document " + change.getDocumentId() + " is repealed but was never issued or published");
      }
      if (known.getRepealed() != null) {
        return known.getRepealed().equals(date) ? Verdict.DUPLICATE : Verdict.reject(Reason.CONFLICT,
            "document " + change.getDocumentId() + " was already repealed on " + known.getRepealed());
      }
      LocalDate start = latest(known.getIssued(), known.getPublished());
      if (date.isBefore(start)) {
        return Verdict.reject(Reason.DOCUMENT_ORDER, "document " + change.getDocumentId()
            + " is repealed on " + date + ", before it was issued or published on " + start);
      }
      known.setRepealed(date);
      documents.changed(key, known);
      int kind = change.getKind().ordinal();
      tallies.count(event.getTown(), date, tally -> {
        if (known.getIssued() != null) {
          Tallies.increment(tally.getRepealedIssued(), kind);
        }
        if (known.getPublished() != null) {
          Tallies.increment(tally.getRepealedPublished(), kind);
        }
      });
      return Verdict.ACCEPTED;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
      if (a == null) {
        return b;
      }
      return b == null || a.isAfter(b) ? a : b;
    }
  }

  private Verdict item(DisclosureEvent event, ItemChange change) {
    String key = event.getTown() + '|' + change.getItemId();
    ItemState known = items.current(key);
    int kind = change.getKind().ordinal();
    if (known != null && known.getKind() != change.getKind()) {
      return Verdict.reject(Reason.CONFLICT, "item " + change.getItemId() + " is a " + known.getKind()
          + " item, this event says " + change.getKind());
    }
    switch (change.getAction()) {
      case added -> {
        if (known != null) {
          return known.getAdded().equals(event.getDate()) ? Verdict.DUPLICATE : Verdict.reject(Reason.CONFLICT,
              "item " + change.getItemId() + " was already added on " + known.getAdded());
        }
        items.changed(key, new ItemState(change.getKind(), event.getDate(), null));
        tallies.count(event.getTown(), event.getDate(), tally -> Tallies.increment(tally.getItemsAdded(), kind));
      }
      case removed -> {
        if (known == null) {
          return Verdict.reject(Reason.UNKNOWN_ITEM,
              "item " + change.getItemId() + " is removed but was never added");
        }
        if (known.getRemoved() != null) {
          return known.getRemoved().equals(event.getDate()) ? Verdict.DUPLICATE : Verdict.reject(Reason.CONFLICT,
              "item " + change.getItemId() + " was already removed on " + known.getRemoved());
        }
        if (event.getDate().isBefore(known.getAdded())) {
          return Verdict.reject(Reason.REMOVED_BEFORE_ADDED, "item " + change.getItemId()
              + " is removed on " + event.getDate() + ", before it was added on " + known.getAdded());
        }
        known.setRemoved(event.getDate());
        items.changed(key, known);
        tallies.count(event.getTown(), event.getDate(), tally -> Tallies.increment(tally.getItemsRemoved(), kind));
      }
    }
    return Verdict.ACCEPTED;
  }

  private Verdict decision(DisclosureEvent event, DecisionMade decision) {
    Verdict verdict = facts.record(event.getTown(), "decision", decision.getDecisionId(),
        event.getDate() + " " + decision.getKind());
    if (verdict instanceof Verdict.Accepted) {
      tallies.count(event.getTown(), event.getDate(),
          tally -> Tallies.increment(tally.getDecisions(), decision.getKind().ordinal()));
    }
    return verdict;
  }

  private Verdict fee(DisclosureEvent event, FeeCollected fee) {
    Yuan amount = Yuan.read(fee.getAmountYuan());
    if (amount == null) {
      return Verdict.reject(Reason.BAD_AMOUNT, "fee " + fee.getFeeId() + ": amountYuan "
          + quote(fee.getAmountYuan()) + " " + Yuan.problem(fee.getAmountYuan()));
    }
    Verdict verdict = facts.record(event.getTown(), "fee", fee.getFeeId(),
        event.getDate() + " " + amount.fen() + " fen");
    if (verdict instanceof Verdict.Accepted) {
      tallies.count(event.getTown(), event.getDate(), tally -> tally.setFeesFen(tally.getFeesFen() + amount.fen()));
    }
    return verdict;
  }
}
