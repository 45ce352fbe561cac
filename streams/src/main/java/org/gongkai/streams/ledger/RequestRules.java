package org.gongkai.streams.ledger;

import org.gongkai.streams.store.Entities;
import org.gongkai.events.RequestConcluded;
import org.gongkai.events.RequestEvent;
import org.gongkai.events.RequestReceived;
import org.gongkai.state.RequestState;
import org.gongkai.streams.tally.Tallies;

/**
 * Table 三. A receipt counts in {@code received} of its year; a conclusion counts in the result
 * row of its year, in the column of the request's applicant, whatever year the request was
 * received. Carry-over follows from the two (see the report's RequestTable).
 */
final class RequestRules implements Family<RequestEvent> {
  private final Entities<RequestState> requests;
  private final TallyBook tallies;

  RequestRules(Entities<RequestState> requests, TallyBook tallies) {
    this.requests = requests;
    this.tallies = tallies;
  }

  @Override
  public Class<RequestEvent> type() {
    return RequestEvent.class;
  }

  @Override
  public Verdict apply(RequestEvent event) {
    String key = event.getTown() + '|' + event.getRequestId();
    RequestState known = requests.current(key);
    if (event.getChange() instanceof RequestReceived received) {
      return receive(event, key, known, received);
    }
    return conclude(event, key, known, (RequestConcluded) event.getChange());
  }

  private Verdict receive(RequestEvent event, String key, RequestState known, RequestReceived received) {
    if (known != null) {
      boolean same = known.getReceived().equals(event.getDate())
          && known.getApplicant() == received.getApplicant();
      return same ? Verdict.DUPLICATE : Verdict.reject(Reason.CONFLICT,
          "request " + event.getRequestId() + " was already received on " + known.getReceived()
              + " from " + known.getApplicant() + "; this receipt says " + event.getDate()
              + " from " + received.getApplicant());
    }
    requests.changed(key, new RequestState(received.getApplicant(), event.getDate(), null, null));
    tallies.count(event.getTown(), event.getDate(),
        tally -> Tallies.increment(tally.getReceived(), received.getApplicant().ordinal()));
    return Verdict.ACCEPTED;
  }

  private Verdict conclude(RequestEvent event, String key, RequestState known, RequestConcluded concluded) {
    if (known == null) {
      return Verdict.reject(Reason.UNKNOWN_REQUEST,
          "request " + event.getRequestId() + " is concluded but was never received");
    }
    if (known.getConcluded() != null) {
      boolean same = known.getConcluded().equals(event.getDate())
          && known.getOutcome() == concluded.getOutcome();
      return same ? Verdict.DUPLICATE : Verdict.reject(Reason.SECOND_CONCLUSION,
          "request " + event.getRequestId() + " was already concluded on " + known.getConcluded()
              + " as " + known.getOutcome() + "; a request has exactly one outcome");
    }
    if (event.getDate().isBefore(known.getReceived())) {
      return Verdict.reject(Reason.CONCLUDED_BEFORE_RECEIVED,
          "request " + event.getRequestId() + " is concluded on " + event.getDate()
              + ", before its receipt on " + known.getReceived());
    }
    known.setConcluded(event.getDate());
    known.setOutcome(concluded.getOutcome());
    requests.changed(key, known);
    tallies.count(event.getTown(), event.getDate(), tally -> Tallies.increment(tally.getConcluded(),
        Tallies.concludedIndex(concluded.getOutcome(), known.getApplicant())));
    return Verdict.ACCEPTED;
  }
}
