package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "审批" completed by the chief: {@code approval} = approve, return or refuse. */
@Component
public class ApproveListingListener implements TaskListener {

  private final Listings listings;

  public ApproveListingListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      String actor = ProcessValidation.actor(task);
      task.getExecution().setVariable("approval", listings.approve(ListingVariables.listingId(listings, task),
          ListingVariables.text(task, "decision"), ListingVariables.text(task, "opinion"), actor, ListingVariables.now()));
      task.getExecution().setVariable("approvedBy", actor);
    });
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
