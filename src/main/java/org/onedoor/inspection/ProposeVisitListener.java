package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "提议检查时间": the form shows the window and last round's answers; the lead's drawn inspectors propose. */
@Component
public class ProposeVisitListener implements TaskListener {

  static final List<String> FIELDS = List.of("visitDate", "visitTime", "visitReason");

  private final VisitCoordination visits;
  private final InspectionRecording recording;
  private final InspectionFacts facts;

  public ProposeVisitListener(VisitCoordination visits, InspectionRecording recording, InspectionFacts facts) {
    this.visits = visits;
    this.recording = recording;
    this.facts = facts;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    if (TaskActors.isCreate(task)) {
      task.setVariablesLocal(visits.formVariables(number));
      return;
    }
    String lead = facts.leadDepartment(number);
    String user = TaskActors.requireCandidate(task, "只有牵头部门本次抽取的检查人员可以提议检查时间");
    if (!recording.mayRecord(number, lead, user, TaskActors.groups(task))) {
      throw new AuthorizationException("只有牵头部门本次抽取的检查人员可以提议检查时间");
    }
    validating(() -> visits.propose(number, task.getVariable("visitDate"), task.getVariable("visitTime"),
        TaskActors.string(task, "visitReason"), user, ClockUtil.now().toInstant()));
    TaskActors.clear(task, FIELDS.toArray(String[]::new));
  }
}
