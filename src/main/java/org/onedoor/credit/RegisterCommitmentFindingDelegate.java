package org.onedoor.credit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "登记核查发现并推送预警": records the commitment check's finding and pushes it back as a risk warning; the
 * process keeps the ids and what 决定处置方式 shows. The variables come from the application's start.
 */
@Component
public class RegisterCommitmentFindingDelegate implements JavaDelegate {

  private final CommitmentChecks checks;

  public RegisterCommitmentFindingDelegate(CommitmentChecks checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CommitmentChecks.Check check = checks.register(execution.getProcessInstanceId(),
        (String) execution.getVariable("uscc"), (String) execution.getVariable("entityName"),
        (String) execution.getVariable("planNumber"), (String) execution.getVariable("inspectionNumber"),
        (String) execution.getVariable("findingDepartment"), (String) execution.getVariable("finding"),
        (String) execution.getVariable("findingFacts"), ClockUtil.now().toInstant());
    execution.setVariable("commitmentCheckId", check.id());
    execution.setVariable("warningId", check.warningId());
    execution.setVariable("findingLabel", check.findingLabel());
  }
}
