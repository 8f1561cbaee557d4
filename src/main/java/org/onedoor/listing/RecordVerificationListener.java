package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "核实情况" completed: records the verification; the decision is due 10 working days after it. */
@Component
public class RecordVerificationListener implements TaskListener {

  private final Listings listings;

  public RecordVerificationListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      LocalDate deadline = listings.recordVerification(ListingVariables.listingId(listings, task),
          ListingVariables.date(task, "verifiedOn", listings.zone()), ListingVariables.text(task, "verification"),
          ProcessValidation.actor(task), ListingVariables.now());
      task.getExecution().setVariable("decisionDeadline", ListingVariables.endOf(deadline, listings.zone()));
    });
    ListingVariables.clearAnswers(task, "verification");
  }
}
