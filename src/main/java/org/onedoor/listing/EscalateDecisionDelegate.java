package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * "催办": the 10 working days from the verification are about to run out. Records it and raises the
 * priority of the case's open tasks to 90 (Tasklist sorts and shows it).
 */
@Component
public class EscalateDecisionDelegate implements JavaDelegate {

  static final int ESCALATED_PRIORITY = 90;

  private final Listings listings;

  public EscalateDecisionDelegate(Listings listings) {
    this.listings = listings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    listings.escalate(ListingVariables.listingId(listings, execution), ListingVariables.now());
    var tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
    }
    execution.setVariable("decisionEscalated", true);
  }
}
