package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "检查完成": every department recorded its result; the inspection is DONE. */
@Component
public class InspectionDoneListener implements ExecutionListener {

  private final InspectionRecording recording;

  public InspectionDoneListener(InspectionRecording recording) {
    this.recording = recording;
  }

  @Override
  public void notify(DelegateExecution execution) {
    recording.markDone((String) execution.getVariable("inspectionNumber"), ClockUtil.now().toInstant());
  }
}
