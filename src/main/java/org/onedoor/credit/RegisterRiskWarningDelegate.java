package org.onedoor.credit;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "登记预警": validates the reported warning and stores it; the process keeps its id. */
@Component
public class RegisterRiskWarningDelegate implements JavaDelegate {

  private final RiskWarningService warnings;

  public RegisterRiskWarningDelegate(RiskWarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    validating(
        () -> {
          long id =
              warnings.register(
                  RiskWarningService.fromVariables(execution.getVariables()),
                  ProcessValidation.actor(execution),
                  execution.getProcessInstanceId(),
                  ClockUtil.now().toInstant());
          execution.setVariable("warningId", id);
        });
  }
}
