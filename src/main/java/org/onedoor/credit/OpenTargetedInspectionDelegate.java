package org.onedoor.credit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "开启定向检查": the chief approved; the targeted inspection is opened (idempotent: a retry finds the one it
 * opened) and its number kept as a variable for Cockpit. The warning is found by the process's own
 * warningId, set by the application at the start, never by a form.
 */
@Component
public class OpenTargetedInspectionDelegate implements JavaDelegate {

  private final RiskWarningService warnings;

  public OpenTargetedInspectionDelegate(RiskWarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable("warningId")).longValue();
    execution.setVariable("inspectionNumber", warnings.openTargetedInspection(id, ClockUtil.now().toInstant()));
  }
}
