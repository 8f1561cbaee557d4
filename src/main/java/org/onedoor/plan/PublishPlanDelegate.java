package org.onedoor.plan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "发布计划": the plan and its items become public (before any draw, R3). */
@Component
public class PublishPlanDelegate implements JavaDelegate {

  private final PlanLifecycle lifecycle;

  public PublishPlanDelegate(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lifecycle.publish(execution.getProcessBusinessKey());
  }
}
