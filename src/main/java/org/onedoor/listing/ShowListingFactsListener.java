package org.onedoor.listing;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A decision task of {@code abnormal-listing} is created: it gets what it decides on as task-local
 * display variables ({@link ListingTaskFacts}), from our tables by process instance.
 */
@Component
public class ShowListingFactsListener implements TaskListener {

  private final Listings listings;
  private final ListingTaskFacts facts;

  public ShowListingFactsListener(Listings listings, ListingTaskFacts facts) {
    this.listings = listings;
    this.facts = facts;
  }

  @Override
  public void notify(DelegateTask task) {
    Optional<Long> listingId = listings.findCaseOf(task.getProcessInstanceId());
    if (listingId.isEmpty()) {
      return; // an instance without a case (e.g. moved to the task by an administrator): nothing to show
    }
    String key = task.getTaskDefinitionKey();
    Long objectionId = task.getVariable("objectionId") == null ? null : ListingVariables.objectionId(listings, task);
    Long removalId = task.getVariable("removalId") == null ? null : ListingVariables.removalId(listings, task);
    task.setVariablesLocal(facts.forTask(key, listingId.get(),
        key.contains("Objection") ? objectionId : null, key.contains("Remov") || key.equals("VerifyRemedy") ? removalId : null));
  }
}
