package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "确定检查时间": every department agreed; the proposal is the visit time. */
@Component
public class FixVisitDelegate implements JavaDelegate {

  private final VisitCoordination visits;

  public FixVisitDelegate(VisitCoordination visits) {
    this.visits = visits;
  }

  @Override
  public void execute(DelegateExecution execution) {
    visits.fixAgreed(execution.getProcessBusinessKey(), ClockUtil.now().toInstant());
  }
}
