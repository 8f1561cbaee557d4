package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "适用转列政策": on the third anniversary, {@code onedoor.listing.serious-list-policy} decides
 * ({@code CHIEF_DECIDES} by default, or {@code AUTOMATIC}); an operator may set the instance variable
 * {@code seriousListPolicy} (Cockpit) to override it for one case. Sets {@code seriousListingAutomatic}.
 */
@Component
public class ApplySeriousListPolicyDelegate implements JavaDelegate {

  private final Listings listings;

  public ApplySeriousListPolicyDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String override = ListingVariables.text(execution, "seriousListPolicy");
    ListingProperties.SeriousListPolicy policy = override == null || override.isBlank()
        ? listings.properties().seriousListPolicy()
        : ListingProperties.SeriousListPolicy.valueOf(override.strip());
    execution.setVariable("seriousListingAutomatic", policy == ListingProperties.SeriousListPolicy.AUTOMATIC);
  }
}
