package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/** "部门会签" completed by one participating department: agree, or object with reasons. */
@Component
public class SignOffPlanListener implements TaskListener {

  private final PlanLifecycle lifecycle;

  public SignOffPlanListener(PlanLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void notify(DelegateTask task) {
    validating(() -> lifecycle.signOff(
        task.getExecution().getProcessBusinessKey(),
        (String) task.getVariable("signOffDepartment"),
        Objects.toString(task.getVariableLocal("decision"), Objects.toString(task.getVariable("decision"), null)),
        Objects.toString(task.getVariable("reason"), null),
        ProcessValidation.actor(task),
        ClockUtil.now().toInstant()));
  }
}
