package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "作出决定并公示": lists the entity (an individual business: marks it abnormal), changes its status
 * in the directory and publishes {@link ListingDecided} LISTED, in the engine's transaction.
 */
@Component
public class ListEntityDelegate implements JavaDelegate {

  private final Listings listings;

  public ListEntityDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Listings.Listing l = listings.list(ListingVariables.listingId(listings, execution),
        ListingVariables.text(execution, "approvedBy"), ListingVariables.now());
    execution.setVariables(ListingVariables.listed(listings, l));
  }
}
