package org.onedoor.credit;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "部门会签定向检查": created — shows the warning, the lead chief's approval, this department's items and the
 * deadline (task-local copies from our tables), with an empty answer of its own; completed — only a chief of the
 * department asked (the task's candidate group) answers: agree, or decline with reasons. The department is the
 * multi-instance element variable the application set, the warning the process's own warningId: neither is on
 * the form, so no completion can name another.
 */
@Component
public class CountersignTargetedInspectionListener implements TaskListener {

  private final RiskWarningService warnings;
  private final TargetedCountersign countersign;

  public CountersignTargetedInspectionListener(RiskWarningService warnings, TargetedCountersign countersign) {
    this.warnings = warnings;
    this.countersign = countersign;
  }

  @Override
  public void notify(DelegateTask task) {
    long warningId = ((Number) task.getVariable("warningId")).longValue();
    String department = (String) task.getVariable("countersignDepartment");
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      RiskWarningService.Warning warning = warnings.find(warningId)
          .orElseThrow(() -> new IllegalStateException("no risk warning " + warningId));
      task.setVariablesLocal(countersign.shown(warning, department));
      return;
    }
    String chief = ProcessValidation.actor(task);
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    List<String> groups = auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    // the engine lets an assignee complete whatever was assigned to them; only the department's chiefs may
    boolean candidate = chief != null && task.getCandidates().stream().anyMatch(link ->
        link.getGroupId() != null && groups.contains(link.getGroupId()));
    if (!candidate) {
      throw new AuthorizationException("只有" + countersign.departmentName(department) + "的科长可以会签本部门是否参加定向检查");
    }
    validating(() -> countersign.answer(warningId, department, answer(task, "countersignDecision"),
        answer(task, "countersignReason"), chief, ClockUtil.now().toInstant()));
  }

  /**
   * The task's own answer: Tasklist's submit-form writes it onto the task (its empty local copy); a
   * {@code /complete} call writes it onto the execution, whence it is taken and removed, so that no other
   * department's task ever finds it.
   */
  static String answer(DelegateTask task, String name) {
    Object value = task.getVariableLocal(name);
    if (value == null && task.getExecution().hasVariable(name)) {
      value = task.getExecution().getVariable(name);
      task.getExecution().removeVariable(name);
    }
    return Objects.toString(value, null);
  }
}
