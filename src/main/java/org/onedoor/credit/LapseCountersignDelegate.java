package org.onedoor.credit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "逾期未会签部门不参加": the countersign's deadline passed; the departments that have not answered are left out
 * and the targeted inspection opens with the lead and those that agreed. The warning is the process's own
 * warningId, set by the application.
 */
@Component
public class LapseCountersignDelegate implements JavaDelegate {

  private final TargetedCountersign countersign;

  public LapseCountersignDelegate(TargetedCountersign countersign) {
    this.countersign = countersign;
  }

  @Override
  public void execute(DelegateExecution execution) {
    countersign.lapse(((Number) execution.getVariable("warningId")).longValue(), ClockUtil.now().toInstant());
  }
}
