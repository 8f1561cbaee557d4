package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.platform.ProcessValidation;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.stereotype.Component;

/**
 * "登记计划": a plan drafted in Tasklist's start form ({@code plan-start}, fields as {@link PlanForm}
 * reads them) is validated like one posted to the API and stored; a bad field refuses the start
 * (400 naming the form field) and nothing is kept. Afterwards the process carries the plan number,
 * routing facts and the title Tasklist shows only.
 */
@Component
public class RegisterPlanDelegate implements JavaDelegate {

  private final PlanService plans;

  public RegisterPlanDelegate(PlanService plans) {
    this.plans = plans;
  }

  /** The start form's fields, removed once the plan is stored. */
  List<String> formFields() {
    List<String> fields = new ArrayList<>(PlanForm.contentFields(plans.departmentCodes()));
    fields.add("number");
    return fields;
  }

  @Override
  public void execute(DelegateExecution execution) {
    validating(() -> {
      String drafter = ProcessValidation.actor(execution);
      if (drafter == null) {
        throw new BadRequestException("user", "请登录后拟定计划");
      }
      Plan plan = plans.registerForm(execution::getVariable, drafter, execution.getProcessInstanceId(),
          ClockUtil.now().toInstant());
      formFields().forEach(execution::removeVariable);
      execution.setVariable("planNumber", plan.number());
      execution.setVariable("leadDepartment", plan.leadDepartment());
      execution.setVariable("drafter", drafter);
      execution.setVariable("beaconRequired", plan.beaconRequired());
      execution.setVariable("planTitle", PlanService.title(plan));
      execution.setProcessBusinessKey(plan.number());
    });
  }
}
