package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "确认检查时间" (one per other department): its drawn inspectors confirm or propose another time. */
@Component
public class ConfirmVisitListener implements TaskListener {

  private final VisitCoordination visits;
  private final InspectionRecording recording;
  private final InspectionFacts facts;

  public ConfirmVisitListener(VisitCoordination visits, InspectionRecording recording, InspectionFacts facts) {
    this.visits = visits;
    this.recording = recording;
    this.facts = facts;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    String department = (String) task.getVariable("confirmDepartment");
    if (TaskActors.isCreate(task)) {
      task.setVariablesLocal(visits.formVariables(number));
      task.setVariableLocal("departmentName", facts.departmentName(department));
      return;
    }
    String refusal = "只有" + facts.departmentName(department) + "本次抽取的检查人员可以确认检查时间";
    String user = TaskActors.requireCandidate(task, refusal);
    if (!recording.mayRecord(number, department, user, TaskActors.groups(task))) {
      throw new AuthorizationException(refusal);
    }
    validating(() -> visits.answer(number, department, TaskActors.string(task, "visitAnswer"),
        task.getVariable("visitDate"), task.getVariable("visitTime"), TaskActors.string(task, "visitReason"), user,
        ClockUtil.now().toInstant()));
    TaskActors.clear(task, "visitAnswer", "visitDate", "visitTime", "visitReason");
  }
}
