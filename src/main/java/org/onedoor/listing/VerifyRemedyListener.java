package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "核实整改情况" completed (grounds 3–4): the removal decision is due 5 working days later. */
@Component
public class VerifyRemedyListener implements TaskListener {

  private final Listings listings;

  public VerifyRemedyListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      Listings.Removal r = listings.verifyRemedy(ListingVariables.removalId(listings, task),
          ListingVariables.text(task, "verification"), ProcessValidation.actor(task), ListingVariables.now());
      task.getExecution().setVariable("removalDeadline", ListingVariables.endOf(r.decisionDeadline(), listings.zone()));
    });
    ListingVariables.clearAnswers(task, "verification");
  }
}
