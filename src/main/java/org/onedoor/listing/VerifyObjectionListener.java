package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "核实异议" completed: upheld or rejected, with the reasons ({@code objectionUpheld}). */
@Component
public class VerifyObjectionListener implements TaskListener {

  private final Listings listings;

  public VerifyObjectionListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      String actor = ProcessValidation.actor(task);
      Listings.Objection o = listings.verifyObjection(ListingVariables.objectionId(listings, task),
          ListingVariables.text(task, "decision"), ListingVariables.text(task, "opinion"), actor, ListingVariables.now());
      task.getExecution().setVariable("objectionUpheld", "UPHELD".equals(o.status()));
      task.getExecution().setVariable("objectionDecidedBy", actor);
    });
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
