package org.onedoor.credit;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "核查预警": created — shows the warning (task-local copies from our table) and records the check's deadline
 * (the task's due date) with it; completed — records the inspector's conclusion and findings.
 */
@Component
public class CheckWarningListener implements TaskListener {

  private final RiskWarningService warnings;

  public CheckWarningListener(RiskWarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void notify(DelegateTask task) {
    long warningId = ((Number) task.getVariable("warningId")).longValue();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariablesLocal(warnings.shown(warningId));
      warnings.checkDue(warningId, task.getDueDate() == null ? null : task.getDueDate().toInstant());
      return;
    }
    validating(
        () -> {
          boolean targeted =
              warnings.recordCheck(
                  warningId,
                  Objects.toString(task.getVariable("conclusion"), null),
                  Objects.toString(task.getVariable("findings"), null),
                  ProcessValidation.actor(task),
                  ClockUtil.now().toInstant());
          task.setVariable("targetedInspectionProposed", targeted);
        });
  }
}
