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

  public InspectionDoneListener(InspectionRecording recording, PlanSummaries summaries, VisitCoordination visits) {
    this.recording = recording;
    this.summaries = summaries;
    this.visits = visits;
  }

  @Override
  public void notify(DelegateExecution execution) {
    visits.recordVisitsReplaced((String) execution.getVariable("inspectionNumber"));
    recording.markDone((String) execution.getVariable("inspectionNumber"), ClockUtil.now().toInstant());
    summaries.inspectionDone((String) execution.getVariable("planNumber"));
  }
}
