package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "修改计划": opens with the plan as it stands (the {@code plan-revise} form's fields, task-local),
 * who returned it and why; completed, the drafter's corrections are validated and stored (our
 * tables, and the process's variables by the application, not the user) and the plan goes back to
 * review.
 */
@Component
public class RevisePlanListener implements TaskListener {

  private final PlanLifecycle lifecycle;
  private final PlanService plans;

  public RevisePlanListener(PlanLifecycle lifecycle, PlanService plans) {
    this.lifecycle = lifecycle;
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Map<String, Object> context = lifecycle.revisionContext(number);
      task.setVariablesLocal(context);
      task.setVariablesLocal(PlanForm.values(plans.get(number), plans.departmentCodes()));
      return;
    }
    validating(() -> {
      String drafter = ProcessValidation.actor(task);
      java.time.Instant now = ClockUtil.now().toInstant();
      // an instance begun before 修改计划 had fields: corrected over the API only
      Plan plan = task.hasVariableLocal("name") ? plans.reviseForm(number, task::getVariable, drafter, now)
          : plans.get(number);
      task.getExecution().setVariable("beaconRequired", plan.beaconRequired());
      task.getExecution().setVariable("planTitle", PlanService.title(plan));
      lifecycle.resubmit(number, drafter, now);
    });
    // the next review starts with an empty form
    task.getExecution().removeVariable("decision");
    task.getExecution().removeVariable("reason");
  }

}
