package org.onedoor.rectification;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "整改复查" completed: only a named inspector (else 403); outcome E or A, the findings, and for A the
 * case clues to transfer (else 400 naming the field). Sets the call's output {@code rectificationOutcome}.
 */
@Component
public class RecheckRectificationListener implements TaskListener {

  private final Rectifications rectifications;

  public RecheckRectificationListener(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void notify(DelegateTask task) {
    String user = ProcessValidation.actor(task);
    CandidateCheck.requireCandidate(task, user, "复查整改");
    validating(() -> {
      String outcome = rectifications.recheck(task.getProcessInstanceId(), (String) task.getVariable("recheckOutcome"),
          (String) task.getVariable("recheckFindings"), (String) task.getVariable("transferReason"), user,
          ClockUtil.now().toInstant());
      task.getExecution().getProcessInstance().setVariable("rectificationOutcome", outcome);
    });
  }
}
