package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "列入严重违法失信名单": three years on the list; publishes SERIOUS_LISTED. */
@Component
public class SeriousListDelegate implements JavaDelegate {

  private final Listings listings;

  public SeriousListDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    listings.seriousList(ListingVariables.listingId(listings, execution), ListingVariables.text(execution, "seriousDecidedBy"),
        ListingVariables.now());
  }
}
