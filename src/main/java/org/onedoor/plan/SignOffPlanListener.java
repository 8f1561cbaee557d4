package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "部门会签": each participating department's task opens empty, with the lead chief's review as
 * read-only context; completed, it records agree, or an objection with reasons.
 */
@Component
public class SignOffPlanListener implements TaskListener {

  private final PlanLifecycle lifecycle;

  public SignOffPlanListener(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      PlanLifecycle.emptyAnswer(task);
      task.setVariablesLocal(lifecycle.signOffContext(number, (String) task.getVariable("signOffDepartment")));
      return;
    }
    validating(() -> lifecycle.signOff(
        number,
        (String) task.getVariable("signOffDepartment"),
        PlanLifecycle.answer(task, "decision"),
        PlanLifecycle.answer(task, "reason"),
        ProcessValidation.actor(task),
        ClockUtil.now().toInstant()));
  }
}
