package org.onedoor.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "登记逾期未报告": the deadline passed without a report; the re-check follows. */
@Component
public class MarkOverdueDelegate implements JavaDelegate {

  private final Rectifications rectifications;

  public MarkOverdueDelegate(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    rectifications.markOverdue(execution.getProcessInstanceId(), ClockUtil.now().toInstant());
    execution.setVariable("reportSummary", "整改期限 " + execution.getVariable("orderDeadline") + " 届满，企业未报告整改情况");
  }
}
