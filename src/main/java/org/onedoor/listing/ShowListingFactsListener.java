package org.onedoor.listing;

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
    String key = task.getTaskDefinitionKey();
    Long objectionId = task.getVariable("objectionId") == null ? null : ListingVariables.objectionId(listings, task);
    Long removalId = task.getVariable("removalId") == null ? null : ListingVariables.removalId(listings, task);
    task.setVariablesLocal(facts.forTask(key, ListingVariables.listingId(listings, task),
        key.contains("Objection") ? objectionId : null, key.contains("Remov") || key.equals("VerifyRemedy") ? removalId : null));
  }
}
