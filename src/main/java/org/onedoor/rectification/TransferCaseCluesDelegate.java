package org.onedoor.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "移送案件线索": still pending after the re-check; the transfer is recorded (R7 code A). */
@Component
public class TransferCaseCluesDelegate implements JavaDelegate {

  private final Rectifications rectifications;

  public TransferCaseCluesDelegate(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    rectifications.transfer(execution.getProcessInstanceId(), ClockUtil.now().toInstant());
  }
}
