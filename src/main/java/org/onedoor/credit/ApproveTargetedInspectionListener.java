package org.onedoor.credit;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "审批定向检查": created — shows the warning (task-local copies); completed — records the chief's decision and its reasons. */
@Component
public class ApproveTargetedInspectionListener implements TaskListener {

  private final RiskWarningService warnings;

  public ApproveTargetedInspectionListener(RiskWarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariablesLocal(warnings.shown(((Number) task.getVariable("warningId")).longValue()));
      return;
    }
    validating(
        () -> {
          Object decision = task.getVariable("decision");
          Boolean approved =
              "approve".equals(decision) ? Boolean.TRUE : "reject".equals(decision) ? Boolean.FALSE : null;
          warnings.recordDecision(
              ((Number) task.getVariable("warningId")).longValue(),
              approved,
              Objects.toString(task.getVariable("opinion"), null),
              Objects.toString(task.getVariable("itemCodes"), null),
              ProcessValidation.actor(task),
              ClockUtil.now().toInstant());
        });
  }
}
