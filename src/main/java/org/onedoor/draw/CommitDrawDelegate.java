package org.onedoor.draw;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.plan.PlanService;
import org.springframework.stereotype.Component;

/** "发布抽取承诺值": a secret nonce per batch; only its SHA-256 is published, with the plan. */
@Component
public class CommitDrawDelegate implements JavaDelegate {

  private final DrawService draws;
  private final PlanService plans;

  public CommitDrawDelegate(DrawService draws, PlanService plans) {
    this.draws = draws;
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    int batches = plans.get(number).batches().size();
    for (int batch = 1; batch <= batches; batch++) {
      draws.commit(number, batch, ClockUtil.now().toInstant());
    }
  }
}
