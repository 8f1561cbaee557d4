package org.onedoor.credit;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "审批定向检查" completed: records the chief's decision and its reasons. */
@Component
public class ApproveTargetedInspectionListener implements TaskListener {

  private final RiskWarningService warnings;

  public ApproveTargetedInspectionListener(RiskWarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(
        () -> {
          Object decision = task.getVariable("decision");
          Boolean approved =
              "approve".equals(decision) ? Boolean.TRUE : "reject".equals(decision) ? Boolean.FALSE : null;
          warnings.recordDecision(
              ((Number) task.getVariable("warningId")).longValue(),
              approved,
              Objects.toString(task.getVariable("opinion"), null),
              ProcessValidation.actor(task),
              ClockUtil.now().toInstant());
        });
  }
}
