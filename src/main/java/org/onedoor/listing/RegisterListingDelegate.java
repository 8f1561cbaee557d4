package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "登记列异线索": validates what the caller gave (a joint inspection's call activity, a chief's start
 * form) and registers the case. {@code registration} routes: {@code new}, {@code active} (already on
 * the list for this ground: nothing to do) or {@code gone} (deregistered, revoked, moved out).
 */
@Component
public class RegisterListingDelegate implements JavaDelegate {

  private final Listings listings;
  private final ListingTaskFacts facts;

  public RegisterListingDelegate(Listings listings, ListingTaskFacts facts) {
    this.listings = listings;
    this.facts = facts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    validating(() -> {
      String inspection = ListingVariables.text(execution, "sourceInspection");
      boolean fromInspection = inspection != null && !inspection.isBlank();
      Listings.Registration r = listings.register(new Listings.NewListing(
              ListingVariables.text(execution, "uscc"), ListingVariables.text(execution, "entityName"),
              ListingVariables.text(execution, "ground"), ListingVariables.text(execution, "facts"),
              ListingVariables.text(execution, "department"), fromInspection ? "INSPECTION" : "CHIEF",
              fromInspection ? inspection : null, ListingVariables.text(execution, "initiator")),
          execution.getProcessInstanceId(), ListingVariables.now());
      execution.setVariable("registration", r.outcome());
      if (Listings.Registration.NEW.equals(r.outcome())) {
        execution.setVariables(ListingVariables.describe(listings.get(r.listingId())));
        execution.setVariable("escalationWorkingDays", listings.properties().escalationWorkingDays());
      } else if (r.listingId() > 0) {
        execution.setVariable("existingListingId", r.listingId());
        if (fromInspection) {
          showReferrals(execution, r.listingId());
        }
      }
    });
  }

  /** A finding joined an open case: its open tasks that show the referrals show this one too. */
  private void showReferrals(DelegateExecution execution, long listingId) {
    String caseInstance = listings.get(listingId).processInstanceId();
    if (caseInstance == null) {
      return;
    }
    var taskService = execution.getProcessEngineServices().getTaskService();
    String text = facts.referrals(listingId);
    for (var task : taskService.createTaskQuery().processInstanceId(caseInstance).list()) {
      if (taskService.getVariableLocal(task.getId(), ListingTaskFacts.REFERRALS_TEXT) != null) {
        taskService.setVariableLocal(task.getId(), ListingTaskFacts.REFERRALS_TEXT, text);
      }
    }
  }
}
