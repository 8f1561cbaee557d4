package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "汇总": drawn, inspected, results by code, overdue; the plan is closed. */
@Component
public class SummarisePlanDelegate implements JavaDelegate {

  private final PlanSummaries summaries;

  public SummarisePlanDelegate(PlanSummaries summaries) {
    this.summaries = summaries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean windowClosed = Boolean.TRUE.equals(execution.getVariable("windowClosed"));
    PlanSummaries.Summary summary = summaries.summarise(
        (String) execution.getVariable("planNumber"), 1, windowClosed, ClockUtil.now().toInstant());
    execution.setVariable("inspectionsDone", summary.done());
    execution.setVariable("inspectionsOverdue", summary.overdue());
  }
}
