package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "法制审核" completed: approve, or return to the drafter with the opinion ({@code reviewApproved}). */
@Component
public class LegalReviewListener implements TaskListener {

  private final Listings listings;

  public LegalReviewListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> task.getExecution().setVariable("reviewApproved", listings.review(ListingVariables.listingId(listings, task),
        ListingVariables.text(task, "decision"), ListingVariables.text(task, "opinion"), ProcessValidation.actor(task),
        ListingVariables.now())));
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
