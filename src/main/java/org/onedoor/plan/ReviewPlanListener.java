package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "科长审核": opens with an empty decision (the answer is the task's own, never a process variable
 * a later form would show); completed, it records the chief's decision, a return needs reasons.
 */
@Component
public class ReviewPlanListener implements TaskListener {

  private final PlanLifecycle lifecycle;

  public ReviewPlanListener(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      PlanLifecycle.emptyAnswer(task);
      return;
    }
    validating(() -> task.setVariable("planApproved", lifecycle.review(
        task.getExecution().getProcessBusinessKey(),
        PlanLifecycle.answer(task, "decision"),
        PlanLifecycle.answer(task, "reason"),
        ProcessValidation.actor(task),
        ClockUtil.now().toInstant())));
  }
}
