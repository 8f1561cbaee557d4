package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "移出": removes the listing with its reason code and publishes REMOVED. */
@Component
public class RemoveListingDelegate implements JavaDelegate {

  private final Listings listings;

  public RemoveListingDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    listings.remove(ListingVariables.listingId(listings, execution), ListingVariables.removalId(listings, execution),
        ListingVariables.text(execution, "removalDecidedBy"), ListingVariables.now());
  }
}
