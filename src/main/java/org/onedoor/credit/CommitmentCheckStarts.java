package org.onedoor.credit;

import org.onedoor.inspection.ResultApproved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A result of a commitment-check plan saying the commitment was false (C) or the business cannot be found
 * (6) starts {@code commitment-check}, inside the approving transaction (R13, issue 15).
 */
@Component
class CommitmentCheckStarts {

  private final CommitmentChecks checks;

  CommitmentCheckStarts(CommitmentChecks checks) {
    this.checks = checks;
  }

  @EventListener
  void resultApproved(ResultApproved result) {
    checks.startIfFinding(result);
  }
}
