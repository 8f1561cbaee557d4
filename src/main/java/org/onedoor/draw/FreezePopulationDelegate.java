package org.onedoor.draw;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "冻结待抽名单": the eligible population of the round's batch is fixed and its hash published. */
@Component
public class FreezePopulationDelegate implements JavaDelegate {

  private final DrawService draws;

  public FreezePopulationDelegate(DrawService draws) {
    this.draws = draws;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DrawService.Freeze freeze = draws.freeze(execution.getProcessBusinessKey(),
        org.onedoor.plan.PlanLifecycle.batchOf(execution), ClockUtil.now().toInstant());
    execution.setVariable("populationHash", freeze.populationHash());
  }
}
