package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "终止办理": the entity was deregistered; the open case ends without a decision. */
@Component
public class EndListingDelegate implements JavaDelegate {

  private final Listings listings;

  public EndListingDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    listings.findCaseOf(execution.getProcessInstanceId())
        .ifPresent(id -> listings.endForDeregistration(id, ListingVariables.now()));
  }
}
