package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "责令改正" ended: the rectification's outcome (E corrected, A still pending) is the department's final code. */
@Component
public class RectificationDoneListener implements ExecutionListener {

  private final InspectionRecords records;

  public RectificationDoneListener(InspectionRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateExecution execution) {
    records.rectified(execution.getProcessBusinessKey(), (String) execution.getVariable("department"),
        (String) execution.getVariable("rectificationOutcome"), ClockUtil.now().toInstant());
  }
}
