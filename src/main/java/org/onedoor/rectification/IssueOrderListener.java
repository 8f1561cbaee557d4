package org.onedoor.rectification;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.Workdays;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "下达责令改正通知书" completed: only a named inspector may issue it (else 403); the number, the items
 * and the period (days or working days, 1 to the configured maximum) are checked (else 400 naming the
 * field); the deadline is computed on the working-day calendar and the timer's moment set.
 */
@Component
public class IssueOrderListener implements TaskListener {

  private final Rectifications rectifications;
  private final Workdays workdays;

  public IssueOrderListener(Rectifications rectifications, Workdays workdays) {
    this.rectifications = rectifications;
    this.workdays = workdays;
  }

  @Override
  public void notify(DelegateTask task) {
    String user = ProcessValidation.actor(task);
    CandidateCheck.requireCandidate(task, user, "下达责令改正通知书");
    validating(() -> {
      Rectifications.Order order = rectifications.issueOrder(task.getProcessInstanceId(),
          (String) task.getVariable("orderNumber"), (String) task.getVariable("orderItems"),
          (String) task.getVariable("deadlineKind"), task.getVariable("periodLength"), user,
          ClockUtil.now().toInstant());
      task.setVariable("orderDeadline", order.deadline().toString());
      task.setVariable("orderDeadlineNote", workdays.deadlineNote(order.deadline()));
      task.setVariable("rectificationDue", order.passesAt());
    });
  }
}
