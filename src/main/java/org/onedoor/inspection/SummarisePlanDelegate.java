package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "汇总": the batch's drawn, inspected, results by code, overdue; the last batch's summary closes the plan. */
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
        execution.getProcessBusinessKey(), org.onedoor.plan.PlanLifecycle.batchOf(execution), windowClosed, ClockUtil.now().toInstant());
    execution.setVariable("inspectionsDone", summary.done());
    execution.setVariable("inspectionsOverdue", summary.overdue());
  }
}
