package org.onedoor.draw;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.plan.PlanLifecycle;
import org.springframework.stereotype.Component;

/** "双随机抽取": draws the entities of the round's batch and publishes the record. */
@Component
public class DrawEntitiesDelegate implements JavaDelegate {

  private final DrawService draws;
  private final PlanLifecycle lifecycle;

  public DrawEntitiesDelegate(DrawService draws, PlanLifecycle lifecycle) {
    this.draws = draws;
    this.lifecycle = lifecycle;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    int batch = PlanLifecycle.batchOf(execution);
    DrawRecord record = draws.draw(number, batch, (String) execution.getVariable("beacon"), ClockUtil.now().toInstant());
    lifecycle.markDrawn(number);
    execution.setVariable("drawId", DrawService.drawId(number, batch));
    execution.setVariable("drawnCount", record.strata().stream().mapToInt(s -> s.selected().size()).sum());
  }
}
