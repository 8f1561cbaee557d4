package org.onedoor.plan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "汇总会签意见": all departments agreed, or the plan goes back to its drafter. */
@Component
public class ConcludeSignOffDelegate implements JavaDelegate {

  private final PlanLifecycle lifecycle;

  public ConcludeSignOffDelegate(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("signOffAgreed", lifecycle.signOffsAgreed(execution.getProcessBusinessKey()));
  }
}
