package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "移出审批" completed: remove, or refuse with the reasons ({@code removalApproved}). */
@Component
public class DecideRemovalListener implements TaskListener {

  private final Listings listings;

  public DecideRemovalListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      String actor = ProcessValidation.actor(task);
      task.getExecution().setVariable("removalApproved", listings.decideRemoval(
          ListingVariables.removalId(listings, task), ListingVariables.text(task, "decision"),
          ListingVariables.text(task, "opinion"), actor, ListingVariables.now()));
      task.getExecution().setVariable("removalDecidedBy", actor);
    });
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
