package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "检查完成": every department recorded its result; the inspection is DONE (the last one tells the plan). */
@Component
public class InspectionDoneListener implements ExecutionListener {

  private final InspectionRecording recording;
  private final PlanSummaries summaries;

  public InspectionDoneListener(InspectionRecording recording, PlanSummaries summaries) {
    this.recording = recording;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateExecution execution) {
    recording.markDone((String) execution.getVariable("inspectionNumber"), ClockUtil.now().toInstant());
    summaries.inspectionDone((String) execution.getVariable("planNumber"));
  }
}
