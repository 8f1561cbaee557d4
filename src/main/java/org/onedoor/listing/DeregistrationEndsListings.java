package org.onedoor.listing;

import org.camunda.bpm.engine.RuntimeService;
import org.onedoor.directory.EntityStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the directory says an entity is deregistered (注销), every open listing case of it ends: the
 * message {@code entity-deregistered} interrupts its process (event subprocess 主体注销), which closes
 * the case as ENDED. Same transaction as the directory change.
 */
@Component
class DeregistrationEndsListings {

  public static final String ENTITY_DEREGISTERED = "entity-deregistered";

  private final Listings listings;
  private final RuntimeService runtime;

  DeregistrationEndsListings(Listings listings, RuntimeService runtime) {
    this.listings = listings;
    this.runtime = runtime;
  }

  @EventListener
  public void on(EntityStatusChanged change) {
    if (!Listings.DEREGISTERED.equals(change.newStatus())) {
      return;
    }
    for (Listings.Listing l : listings.openCases(change.uscc())) {
      boolean correlated = false;
      // asked first, not caught: a failed correlation would mark the whole transaction rollback-only
      if (l.processInstanceId() != null && runtime.createEventSubscriptionQuery()
          .processInstanceId(l.processInstanceId()).eventType("message").eventName(ENTITY_DEREGISTERED).count() > 0) {
        runtime.createMessageCorrelation(ENTITY_DEREGISTERED).processInstanceId(l.processInstanceId())
            .correlateWithResult();
        correlated = true;
      }
      if (!correlated) {
        listings.endForDeregistration(l.id(), change.at());
      }
    }
  }
}
