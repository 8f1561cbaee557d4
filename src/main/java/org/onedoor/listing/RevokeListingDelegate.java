package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "撤销列入": the objection was upheld; the listing is revoked and the revocation published. */
@Component
public class RevokeListingDelegate implements JavaDelegate {

  private final Listings listings;

  public RevokeListingDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    listings.revoke(ListingVariables.listingId(listings, execution), ListingVariables.objectionId(listings, execution),
        ListingVariables.text(execution, "objectionDecidedBy"), ListingVariables.now());
  }
}
