package org.onedoor.credit;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "核查预警" completed: records the inspector's conclusion and findings. */
@Component
public class CheckWarningListener implements TaskListener {

  private final RiskWarningService warnings;

  public CheckWarningListener(RiskWarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(
        () -> {
          boolean targeted =
              warnings.recordCheck(
                  ((Number) task.getVariable("warningId")).longValue(),
                  Objects.toString(task.getVariable("conclusion"), null),
                  Objects.toString(task.getVariable("findings"), null),
                  ProcessValidation.actor(task),
                  ClockUtil.now().toInstant());
          task.setVariable("targetedInspectionProposed", targeted);
        });
  }
}
