package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "科长审核" completed: records the chief's decision; a return needs reasons. */
@Component
public class ReviewPlanListener implements TaskListener {

  private final PlanLifecycle lifecycle;

  public ReviewPlanListener(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> task.setVariable("planApproved", lifecycle.review(
        task.getExecution().getProcessBusinessKey(),
        Objects.toString(task.getVariable("decision"), null),
        Objects.toString(task.getVariable("reason"), null),
        ProcessValidation.actor(task),
        ClockUtil.now().toInstant())));
  }
}
