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
 * "决定处置方式" completed: only the authority's chiefs (the task's candidates) decide; the disposition is
 * validated and recorded, the pushed-back warning concluded, and what a listing needs is set for the call.
 */
@Component
public class DecideDispositionListener implements TaskListener {

  private final CommitmentChecks checks;

  public DecideDispositionListener(CommitmentChecks checks) {
    this.checks = checks;
  }

  @Override
  public void notify(DelegateTask task) {
    String chief = ProcessValidation.actor(task);
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    List<String> groups = auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    boolean candidate = chief != null && task.getCandidates().stream().anyMatch(link ->
        (link.getUserId() != null && link.getUserId().equals(chief))
            || (link.getGroupId() != null && groups.contains(link.getGroupId())));
    if (!candidate) {
      throw new AuthorizationException("只有登记机关的科长可以决定信用承诺核查的处置方式");
    }
    validating(() -> {
      CommitmentChecks.Check check = checks.decide(task.getProcessInstanceId(),
          Objects.toString(task.getVariable("disposition"), null),
          Objects.toString(task.getVariable("dispositionReason"), null),
          Objects.toString(task.getVariable("changeItems"), null), chief, ClockUtil.now().toInstant());
      task.getExecution().setVariable("decidedBy", chief);
      task.getExecution().setVariable("listingGround", check.listingGround());
      task.getExecution().setVariable("listingFacts", check.facts() + "。处置理由：" + check.dispositionReason());
    });
  }
}
