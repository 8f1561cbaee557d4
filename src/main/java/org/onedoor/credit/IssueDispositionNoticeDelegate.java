package org.onedoor.credit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "制发处置文书": numbers the 责令限期办理变更登记通知书 or 注销登记建议书 (rendered on request from the record). */
@Component
public class IssueDispositionNoticeDelegate implements JavaDelegate {

  private final CommitmentChecks checks;

  public IssueDispositionNoticeDelegate(CommitmentChecks checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("noticeNumber",
        checks.issueNotice(execution.getProcessInstanceId(), ClockUtil.now().toInstant()).noticeNumber());
  }
}
