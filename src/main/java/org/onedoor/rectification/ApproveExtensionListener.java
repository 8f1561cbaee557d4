package org.onedoor.rectification;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.Workdays;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "审批延期申请" completed: only a named inspector (else 403); {@code extensionDecision} approve or refuse
 * and {@code extensionDecisionReason} (else 400 naming the field). Approved, the order's deadline and the
 * timer's moment {@code rectificationDue} move; the flow loops back to the wait, whose timer is created
 * anew from it. The form's answers are removed so a later request starts from an empty form.
 */
@Component
public class ApproveExtensionListener implements TaskListener {

  private final RectificationExtensions extensions;
  private final Workdays workdays;

  public ApproveExtensionListener(RectificationExtensions extensions, Workdays workdays) {
    this.extensions = extensions;
    this.workdays = workdays;
  }

  @Override
  public void notify(DelegateTask task) {
    String user = ProcessValidation.actor(task);
    CandidateCheck.requireCandidate(task, user, "审批延期申请");
    validating(() -> {
      RectificationExtensions.Decision decision = extensions.decide(task.getProcessInstanceId(),
          (String) task.getVariable("extensionDecision"), (String) task.getVariable("extensionDecisionReason"), user,
          ClockUtil.now().toInstant());
      var instance = task.getExecution().getProcessInstance();
      instance.setVariable("extensionApproved", decision.approved());
      if (decision.approved()) {
        instance.setVariable("orderDeadline", decision.deadline().toString());
        instance.setVariable("orderDeadlineNote", workdays.deadlineNote(decision.deadline()));
        instance.setVariable("rectificationDue", decision.passesAt());
      }
      task.removeVariable("extensionDecision");
      task.removeVariable("extensionDecisionReason");
    });
  }
}
