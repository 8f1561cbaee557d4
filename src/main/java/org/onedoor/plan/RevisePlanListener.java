package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "修改计划" completed: the drafter resubmits the corrected plan for review. */
@Component
public class RevisePlanListener implements TaskListener {

  private final PlanLifecycle lifecycle;

  public RevisePlanListener(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> lifecycle.resubmit(
        task.getExecution().getProcessBusinessKey(), ProcessValidation.actor(task), ClockUtil.now().toInstant()));
    // the next review starts with an empty form
    task.removeVariable("decision");
    task.removeVariable("reason");
  }
}
