package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "开启联合检查": opens one chunk of the plan's inspections and publishes the progress as
 * {@code inspectionsOpened} / {@code inspectionsTotal}; the model loops while some are left, each
 * round its own async job and transaction. An operator may set {@code inspectionChunkSize} on the
 * instance (Cockpit) to override {@code onedoor.inspections.chunk-size}.
 */
@Component
public class OpenInspectionsDelegate implements JavaDelegate {

  private final InspectionOpening opening;

  public OpenInspectionsDelegate(InspectionOpening opening) {
    this.opening = opening;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object size = execution.getVariable("inspectionChunkSize");
    int chunkSize = size instanceof Number n ? n.intValue() : opening.defaultChunkSize();
    InspectionOpening.Progress progress = opening.openChunk(execution.getProcessBusinessKey(),
        org.onedoor.plan.PlanLifecycle.batchOf(execution),
        chunkSize, ClockUtil.now().toInstant());
    execution.setVariable("inspectionsOpened", progress.opened());
    execution.setVariable("inspectionsTotal", progress.total());
  }
}
