package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "检查完成": every department's record is approved; the inspection is DONE (the last one tells the plan),
 * and the visit's burden figure (departments − 1 separate visits replaced) is recorded.
 */
@Component
public class InspectionDoneListener implements ExecutionListener {

  private final InspectionRecording recording;
  private final PlanSummaries summaries;
  private final VisitCoordination visits;
  private final InspectionFacts facts;

  public InspectionDoneListener(InspectionRecording recording, PlanSummaries summaries, VisitCoordination visits,
      InspectionFacts facts) {
    this.recording = recording;
    this.summaries = summaries;
    this.visits = visits;
    this.facts = facts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // the business key and our own tables, never variables: a submission could overwrite those
    String number = execution.getProcessBusinessKey();
    visits.recordVisitsReplaced(number);
    recording.markDone(number, ClockUtil.now().toInstant());
    String plan = facts.facts(number).planNumber();
    if (plan != null) { // a targeted inspection has no plan to tell
      summaries.inspectionDone(plan);
    }
  }
}
