package org.onedoor.listing;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "批量审批" completed: the chief approves the whole batch ({@code sweepApproved}), not each entity. */
@Component
public class ApproveSweepListener implements TaskListener {

  private final ListingSweep sweeps;

  public ApproveSweepListener(ListingSweep sweeps) {
    this.sweeps = sweeps;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> task.getExecution().setVariable("sweepApproved", sweeps.decide(
        ((Number) task.getVariable("sweepId")).longValue(), ListingVariables.text(task, "decision"),
        ListingVariables.text(task, "opinion"), ProcessValidation.actor(task), ListingVariables.now())));
    ListingVariables.clearAnswers(task, "decision", "opinion");
  }
}
