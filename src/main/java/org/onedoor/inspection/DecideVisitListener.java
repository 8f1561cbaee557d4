package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "牵头科长决定检查时间": the departments could not agree in time; the lead chief fixes the visit. */
@Component
public class DecideVisitListener implements TaskListener {

  private final VisitCoordination visits;

  public DecideVisitListener(VisitCoordination visits) {
    this.visits = visits;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    if (TaskActors.isCreate(task)) {
      task.setVariablesLocal(visits.formVariables(number));
      return;
    }
    String chief = TaskActors.requireCandidate(task, "只有牵头部门科长可以决定检查时间");
    validating(() -> visits.decide(number, task.getVariable("visitDate"), task.getVariable("visitTime"),
        TaskActors.string(task, "visitReason"), chief, ClockUtil.now().toInstant()));
    TaskActors.clear(task, "visitDate", "visitTime", "visitReason");
  }
}
