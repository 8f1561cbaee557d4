package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "拟定决定" completed: the facts and the legal basis of the decision. */
@Component
public class DraftDecisionListener implements TaskListener {

  private final Listings listings;

  public DraftDecisionListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> listings.draft(ListingVariables.listingId(listings, task), ListingVariables.text(task, "facts"),
        ListingVariables.text(task, "legalBasis"), ProcessValidation.actor(task), ListingVariables.now()));
  }
}
