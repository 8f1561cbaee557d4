package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "三年期满提醒" completed: the reminder was given (60 days before the third anniversary). */
@Component
public class ThreeYearReminderListener implements TaskListener {

  private final Listings listings;

  public ThreeYearReminderListener(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void notify(DelegateTask task) {
    listings.remind(ListingVariables.listingId(listings, task), ListingVariables.text(task, "reminderNote"),
        ProcessValidation.actor(task), ListingVariables.now());
    ListingVariables.clearAnswers(task, "reminderNote");
  }
}
