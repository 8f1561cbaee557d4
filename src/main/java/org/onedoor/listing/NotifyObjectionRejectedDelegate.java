package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "告知异议结果": a rejected objection's decision (OBJECTION_REJECTED); the entity stays listed. */
@Component
public class NotifyObjectionRejectedDelegate implements JavaDelegate {

  private final Listings listings;

  public NotifyObjectionRejectedDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    listings.objectionRejected(ListingVariables.objectionId(listings, execution),
        ListingVariables.text(execution, "objectionDecidedBy"), ListingVariables.now());
  }
}
