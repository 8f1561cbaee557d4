package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "受理审查" completed: accept or reject the objection, reasons in writing ({@code objectionAccepted}). */
@Component
public class AcceptObjectionListener implements TaskListener {

  private final Listings listings;

  public AcceptObjectionListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      String actor = ProcessValidation.actor(task);
      Listings.Objection o = listings.acceptObjection(ListingVariables.objectionId(listings, task),
          ListingVariables.text(task, "decision"), ListingVariables.text(task, "opinion"), actor, ListingVariables.now());
      task.getExecution().setVariable("objectionAccepted", "ACCEPTED".equals(o.status()));
      task.getExecution().setVariable("objectionDecidedBy", actor);
      if (o.acceptedOn() != null) {
        task.getExecution().setVariable("objectionAcceptedOn", o.acceptedOn().toString());
        task.getExecution().setVariable("objectionVerifyBy", ListingVariables.endOf(o.verifyDeadline(), listings.zone()));
      }
    });
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
