package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "决定是否列入严重违法失信名单" completed: list, or keep with the reasons ({@code seriousListingApproved}). */
@Component
public class DecideSeriousListingListener implements TaskListener {

  private final Listings listings;

  public DecideSeriousListingListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      String actor = ProcessValidation.actor(task);
      task.getExecution().setVariable("seriousListingApproved", listings.decideSerious(ListingVariables.listingId(listings, task),
          ListingVariables.text(task, "decision"), ListingVariables.text(task, "opinion"), actor, ListingVariables.now()));
      task.getExecution().setVariable("seriousDecidedBy", actor);
    });
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
